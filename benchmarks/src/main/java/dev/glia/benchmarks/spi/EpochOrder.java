package dev.glia.benchmarks.spi;

import java.util.Random;

/**
 * The order in which every system visits the training samples: the same seeded Fisher-Yates shuffle of
 * the previous epoch's order that Glia's {@code Network.fit} uses ({@code java.util.Random(seed)}, from the
 * last index down), so that Glia through {@code fit} and the peers through their own loops see the same
 * mini-batches in the same order.
 */
public final class EpochOrder {
    private final int[] order;
    private final Random random;

    /** The order of {@code size} samples for this seed; {@link #next()} gives epoch 1's. */
    public EpochOrder(int size, long seed) {
        this.order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        this.random = new Random(seed);
    }

    /** Shuffles and returns the order of the next epoch (the same array each time). */
    public int[] next() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

package dev.glia.backend.nd4j.internal;

/**
 * Learns, for each operation shape, whether splitting it over the helper threads pays off on this machine
 * as it is loaded now. A second core helps only when it is really free: on a busy machine (other
 * processes, the JIT, the garbage collector) a helper may start late, and the caller then waits for it
 * and loses more than the split gains. So the backend measures both ways and keeps the faster.
 *
 * <p>Use it only where the choice cannot change a result, as for element-wise kernels ({@link Elementwise}).
 * Its choice follows the machine's load, so it differs from run to run; a product's cut changes OpenBLAS's
 * bits, so {@link Gemm} cuts by shape alone.
 *
 * <p>Per shape (a key the caller packs, e.g. {@code m, n, k} and the transposes) it keeps an exponentially
 * weighted mean of the time taken on the calling thread alone and split. The first calls alternate to
 * measure both; after that the faster is used, splitting only when it is at least {@link #MARGIN} faster
 * (so that a tie leaves the other core to the rest of the machine), and every {@link #EXPLORE}th call
 * measures the other way again, so the choice follows the load. Measuring costs a {@link System#nanoTime()}
 * on each side of the call; a stale choice costs at most one call in {@link #EXPLORE}.
 *
 * <p>The table has a fixed number of slots (a network uses a handful of shapes); shapes beyond it are
 * never split. Not thread-safe: the backend's calling thread owns it.
 */
final class SplitChooser {
    /** Calls between two measurements of the option not currently chosen. */
    static final int EXPLORE = 32;
    /** Splitting is chosen when its mean time is below this share of the single-thread mean. */
    static final double MARGIN = 0.9;

    private static final int WARM_UP = 6;
    private static final double WEIGHT = 0.3;
    private static final int SLOTS = 256;

    private final long[] keys = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];
    private final double[] single = new double[SLOTS];
    private final double[] split = new double[SLOTS];
    private final int[] calls = new int[SLOTS];

    /** The slot of {@code key}, claimed on first use; -1 when the table is full. */
    int slot(long key) {
        int h = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9;
        for (int probe = 0; probe < SLOTS; probe++) {
            int s = (h + probe) & (SLOTS - 1);
            if (!used[s]) {
                used[s] = true;
                keys[s] = key;
                return s;
            }
            if (keys[s] == key) {
                return s;
            }
        }
        return -1;
    }

    /** Whether the next call of {@code slot} should be split. */
    boolean shouldSplit(int slot) {
        if (slot < 0) {
            return false;
        }
        int n = calls[slot]++;
        if (n < WARM_UP) {
            return (n & 1) == 1;
        }
        boolean better = split[slot] < MARGIN * single[slot];
        return n % EXPLORE == 0 ? !better : better;
    }

    /** Records that a call of {@code slot}, split or not, took {@code nanos}. */
    void record(int slot, boolean wasSplit, long nanos) {
        if (slot < 0) {
            return;
        }
        double[] means = wasSplit ? split : single;
        double old = means[slot];
        means[slot] = old == 0 ? nanos : old + WEIGHT * (nanos - old);
    }

    /** The mean nanoseconds of {@code key} alone and split ({@code {single, split}}), for tests and tuning. */
    double[] means(long key) {
        int s = slot(key);
        return s < 0 ? new double[] {0, 0} : new double[] {single[s], split[s]};
    }
}

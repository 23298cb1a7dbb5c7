package dev.glia.examples.parity;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the parity lesson: a Dense network {@code window → hidden (tanh) → hidden (tanh) → 1
 * (sigmoid)} that at each step sees only the last {@code window} bits ({@link ParityData#windows}). While a
 * stream is no longer than the window, those bits are the whole stream and the parity is theirs; beyond it the
 * bits that fell out of the window decide half the answer, and the network can only guess.
 */
public final class WindowBaseline {
    /** Hidden units of each of the two hidden layers. */
    public static final int HIDDEN = 64;
    /** Adam's learning rate. */
    public static final double LEARNING_RATE = 0.005;
    /** Samples (steps) per mini-batch. */
    public static final int BATCH = 64;

    private final Backend backend;
    private final int window;
    private final long seed;

    /** A baseline over windows of {@code window} bits on {@code backend} (borrowed), weights from {@code seed}. */
    public WindowBaseline(Backend backend, int window, long seed) {
        this.backend = backend;
        this.window = window;
        this.seed = seed;
    }

    /** What the baseline reached: its training history and the per-step accuracy at each held-out length. */
    public record Result(int window, TrainingHistory history, double seconds, List<StepAccuracy> heldOut) {}

    /**
     * Trains on every step of {@code train} for {@code epochs} epochs (stopping early once the mean loss is
     * below 0.01), then scores held-out streams of each of {@code lengths}.
     */
    public Result run(
            ParityData train, int epochs, int[] lengths, int heldOutStreams, List<TrainingListener> listeners) {
        try (Network net = Network.builder(backend)
                .seed(seed)
                .input(window)
                .dense(HIDDEN, "tanh")
                .dense(HIDDEN, "tanh")
                .dense(1, "sigmoid")
                .build()) {
            TrainingOptions.Builder options = TrainingOptions.builder()
                    .loss(Losses.binaryCrossEntropy())
                    .optimizer(Optimizers.adam(LEARNING_RATE))
                    .epochs(epochs)
                    .batchSize(BATCH)
                    .targetLoss(0.01)
                    .seed(seed);
            listeners.forEach(options::listener);
            long start = System.nanoTime();
            TrainingHistory history = net.fit(train.windows(window), options.build());
            double seconds = (System.nanoTime() - start) / 1e9;
            List<StepAccuracy> scores = new ArrayList<>();
            for (int length : lengths) {
                ParityData test = ParityData.generate(heldOutStreams, length, ParityData.heldOutSeed(seed, length));
                scores.add(StepAccuracy.score(test, net.predict(test.windows(window))));
            }
            return new Result(window, history, seconds, List.copyOf(scores));
        }
    }
}

package dev.glia.examples.xor;

import dev.glia.api.Backend;
import dev.glia.api.Loss;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * XOR three ways, on one backend.
 *
 * <ol>
 *   <li>The network of Goodfellow, Bengio and Courville, <i>Deep Learning</i>, section 6.1, with its weights
 *       set by hand: {@code h = relu(W^T x + c)}, {@code y = w^T h + b}. It is exact.</li>
 *   <li>A 2-8-1 network (tanh, then sigmoid) trained from a seeded random start with binary
 *       cross-entropy and Adam. It gets within {@link #TOLERANCE} of every target.</li>
 *   <li>The same network with the identity on both layers, trained the same way with MSE. It cannot
 *       learn XOR, and {@link Network#foldAffine()} shows why: the two layers are one affine map.</li>
 * </ol>
 *
 * <pre>{@code
 * XorResult result = new XorLesson(backend).run();
 * boolean ok = result.allChecksPass();
 * }</pre>
 *
 * The lesson borrows the backend; the caller closes it.
 */
public final class XorLesson {
    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** The XOR of each of {@link #inputs()}. */
    public static final List<Double> TARGETS = List.of(0.0, 1.0, 1.0, 0.0);

    /** Seed of the initial weights of parts 2 and 3 (and of the shuffling). */
    public static final long SEED = 42;
    /** Adam's learning rate in parts 2 and 3. */
    public static final double LEARNING_RATE = 0.1;
    /** Training stops after an epoch whose mean loss is at most this. */
    public static final double TARGET_LOSS = 0.01;
    /** The most epochs (each is one step: the batch holds all four samples). */
    public static final int MAX_EPOCHS = 1000;
    /** How close each trained output must come to its target. */
    public static final double TOLERANCE = 0.1;
    /** The linear network counts as "unable to learn XOR" while its MSE stays at or above this. */
    public static final double LINEAR_LOSS_FLOOR = 0.2;
    /** The largest difference accepted between a network and its folded form (float32 rounding). */
    public static final double FOLD_TOLERANCE = 1e-5;
    /** Hidden units of the trained networks. */
    public static final int HIDDEN_UNITS = 8;

    private final Backend backend;

    /** A lesson that runs on {@code backend}. */
    public XorLesson(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** The four inputs (0,0), (0,1), (1,0), (1,1), in the order every list of outputs follows; a copy. */
    public static float[][] inputs() {
        float[][] copy = new float[INPUTS.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = INPUTS[i].clone();
        }
        return copy;
    }

    /** Runs the three parts. */
    public XorResult run() {
        return new XorResult(backend.name(), backend.description(), handSet(), trained(), linear());
    }

    /** Part 1: the hand-set network, whose outputs are exactly 0, 1, 1, 0. */
    public XorResult.HandSet handSet() {
        try (Network net = Network.builder(backend)
                .input(2)
                // W = [[1, 1], [1, 1]] (row-major [inputs, units]), c = [0, -1]
                .dense(2, "relu", new double[] {1, 1, 1, 1}, new double[] {0, -1})
                // w = [1, -2], b = 0
                .dense(1, "identity", new double[] {1, -2}, new double[] {0})
                .build()) {
            List<Double> outputs = widen(net.predict(inputs()));
            boolean exact = true;
            for (int i = 0; i < outputs.size(); i++) {
                exact &= outputs.get(i).doubleValue() == TARGETS.get(i).doubleValue();
            }
            return new XorResult.HandSet(outputs, exact);
        }
    }

    /** Part 2: the 2-8-1 tanh/sigmoid network, trained until its loss reaches {@link #TARGET_LOSS}. */
    public XorResult.Trained trained() {
        try (Network net = Network.builder(backend)
                .seed(SEED)
                .input(2)
                .dense(HIDDEN_UNITS, "tanh")
                .dense(1, "sigmoid")
                .build()) {
            TrainingHistory history = net.fit(data(), options(Losses.binaryCrossEntropy()));
            List<Double> outputs = widen(net.predict(inputs()));
            boolean within = true;
            for (int i = 0; i < outputs.size(); i++) {
                within &= Math.abs(outputs.get(i) - TARGETS.get(i)) <= TOLERANCE;
            }
            return new XorResult.Trained(
                    outputs,
                    history.steps(),
                    history.epochs(),
                    history.finalLoss(),
                    history.stopReason(),
                    TOLERANCE,
                    within);
        }
    }

    /**
     * Part 3: the same network with identity activations, trained with MSE, and its folded
     * one-layer form.
     */
    public XorResult.Linear linear() {
        try (Network net = Network.builder(backend)
                .seed(SEED)
                .input(2)
                .dense(HIDDEN_UNITS, "identity")
                .dense(1, "identity")
                .build()) {
            TrainingHistory history = net.fit(data(), options(Losses.mse()));
            float[][] outputs = net.predict(inputs());
            try (Network folded = net.foldAffine()) {
                float[][] foldedOutputs = folded.predict(inputs());
                double maxDifference = 0;
                for (int i = 0; i < outputs.length; i++) {
                    maxDifference = Math.max(maxDifference, Math.abs((double) outputs[i][0] - foldedOutputs[i][0]));
                }
                return new XorResult.Linear(
                        widen(outputs),
                        widen(foldedOutputs),
                        history.steps(),
                        history.finalLoss(),
                        LINEAR_LOSS_FLOOR,
                        maxDifference,
                        FOLD_TOLERANCE,
                        net.layers().size(),
                        folded.layers().size());
            }
        }
    }

    private static TrainingOptions options(Loss loss) {
        return TrainingOptions.builder()
                .loss(loss)
                .optimizer(Optimizers.adam(LEARNING_RATE))
                .batchSize(INPUTS.length)
                .epochs(MAX_EPOCHS)
                .targetLoss(TARGET_LOSS)
                .shuffle(false)
                .seed(SEED)
                .build();
    }

    private static Dataset data() {
        float[][] features = inputs();
        float[][] targets = new float[TARGETS.size()][];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new float[] {TARGETS.get(i).floatValue()};
        }
        return Dataset.of(features, targets);
    }

    /** The first output of each row, widened from float without spurious digits (0.1f becomes 0.1). */
    private static List<Double> widen(float[][] out) {
        List<Double> values = new ArrayList<>(out.length);
        for (float[] row : out) {
            values.add(Double.parseDouble(Float.toString(row[0])));
        }
        return List.copyOf(values);
    }
}

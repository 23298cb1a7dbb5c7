package dev.glia.examples.parity;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.core.Dataset;
import dev.glia.core.LayerSnapshot;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TensorValues;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recurrent half of the parity lesson: {@code [T, 1]} bits → LSTM ({@link #UNITS} units, every step) →
 * Dense 1 (sigmoid) at each step → {@code [T]} parities, trained with binary cross-entropy on streams of
 * {@link ParityCommand#TRAIN_LENGTH} bits. A network's input length is fixed when it is built, so for each
 * held-out length the trained layers are rebuilt, with the same weights, for streams of that length.
 */
final class ParityLstm {
    /** Hidden units of the LSTM. */
    static final int UNITS = 16;
    /** Adam's learning rate. */
    static final double LEARNING_RATE = 0.01;
    /** Streams per mini-batch. */
    static final int BATCH = 32;

    private ParityLstm() {}

    /** What the LSTM reached, with the weights of its two layers (for the gate plot). */
    record Result(
            int units,
            TrainingHistory history,
            double seconds,
            List<StepAccuracy> heldOut,
            Map<String, TensorValues> lstm,
            Map<String, TensorValues> dense) {}

    static Result run(
            Backend backend,
            ParityData train,
            ParityCommand.Settings settings,
            int[] lengths,
            int heldOutStreams,
            List<TrainingListener> listeners) {
        try (Network net = build(backend, train.length(), settings.seed(), null, null)) {
            TrainingOptions.Builder options = TrainingOptions.builder()
                    .loss(Losses.binaryCrossEntropy())
                    .optimizer(Optimizers.adam(LEARNING_RATE))
                    .epochs(settings.epochs())
                    .batchSize(BATCH)
                    .targetLoss(0.005)
                    .seed(settings.seed());
            listeners.forEach(options::listener);
            long start = System.nanoTime();
            TrainingHistory history = net.fit(sequences(train), options.build());
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, TensorValues> lstm =
                    LayerSnapshot.of(net.layers().get(0)).tensors();
            Map<String, TensorValues> dense =
                    LayerSnapshot.of(net.layers().get(1)).tensors();
            List<StepAccuracy> scores = new ArrayList<>();
            for (int length : lengths) {
                ParityData test =
                        ParityData.generate(heldOutStreams, length, ParityData.heldOutSeed(settings.seed(), length));
                try (Network sized = build(backend, length, settings.seed(), lstm, dense)) {
                    scores.add(StepAccuracy.score(test, sized.predict(sequences(test))));
                }
            }
            return new Result(UNITS, history, seconds, List.copyOf(scores), lstm, dense);
        }
    }

    /** The network for streams of {@code length} bits, with fresh weights or the given ones. */
    static Network build(
            Backend backend, int length, long seed, Map<String, TensorValues> lstm, Map<String, TensorValues> dense) {
        var builder = Network.builder(backend).seed(seed).input(Shape.of(length, 1));
        if (lstm == null) {
            builder.add(Layers.lstm(UNITS)).add(Layers.dense(1, "sigmoid"));
        } else {
            builder.add(Layers.lstm(UNITS), lstm).add(Layers.dense(1, "sigmoid"), dense);
        }
        return builder.add(Layers.reshape(length)).build();
    }

    /** Each stream as one sample: its bits {@code [T, 1]} and its running parities {@code [T]}. */
    static Dataset sequences(ParityData data) {
        int n = data.sequences();
        int t = data.length();
        float[] bits = new float[n * t];
        float[] targets = new float[n * t];
        int[] y = data.parities();
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < t; i++) {
                bits[s * t + i] = data.bit(s, i);
                targets[s * t + i] = y[s * t + i];
            }
        }
        return Dataset.of(bits, Shape.of(t, 1), targets, t);
    }
}

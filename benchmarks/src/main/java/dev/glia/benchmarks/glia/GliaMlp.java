package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.core.Dataset;
import dev.glia.core.EpochResult;
import dev.glia.core.Initializer;
import dev.glia.core.Network;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.eval.Evaluation;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;

/**
 * The MLP on a Glia backend, trained through the public API a user would call: {@link Network#fit} with
 * shuffling on (its seeded order is {@link dev.glia.benchmarks.spi.EpochOrder}'s), one call for all epochs,
 * epoch ends taken from a {@link TrainingListener}.
 */
final class GliaMlp implements MlpContender {
    private final MlpSpec spec;
    private final Backend backend;
    private final Network network;
    private Tensor sample;

    GliaMlp(String backendName, MlpSpec spec) {
        this.spec = spec;
        this.backend = GliaBackends.open(backendName);
        try {
            this.network = Network.builder(backend)
                    .seed(spec.seed())
                    .input(spec.inputs())
                    .dense(spec.hidden1(), "relu", Initializer.HE)
                    .dense(spec.hidden2(), "relu", Initializer.HE)
                    .dense(spec.classes(), "softmax", Initializer.HE)
                    .build();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    @Override
    public String engine() {
        return "Glia " + backend.name() + ": " + backend.description();
    }

    @Override
    public void train(ImageData train, EpochListener listener) {
        Dataset data = Dataset.of(train.pixels(), train.width(), train.oneHot(), train.classes());
        TrainingOptions options = TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(Optimizers.adam(spec.learningRate(), MlpSpec.BETA1, MlpSpec.BETA2, MlpSpec.EPSILON))
                .epochs(spec.epochs())
                .batchSize(spec.batch())
                .shuffle(true)
                .seed(spec.seed())
                .listener(new TrainingListener() {
                    @Override
                    public void epochEnded(EpochResult result) {
                        listener.epochEnded(result.epoch(), result.loss());
                    }
                })
                .build();
        network.fit(data, options);
    }

    @Override
    public int[] predict(ImageData test) {
        return Evaluation.predictClasses(
                network, Dataset.of(test.pixels(), test.width(), test.oneHot(), test.classes()));
    }

    @Override
    public void infer(float[] in, float[] out) {
        if (sample == null) {
            sample = backend.allocate(Shape.matrix(1, spec.inputs()), network.dtype());
        }
        backend.write(sample, in);
        backend.download(network.forward(sample), out);
    }

    @Override
    public void close() {
        if (sample != null) {
            sample.close();
        }
        network.close();
        backend.close();
    }
}

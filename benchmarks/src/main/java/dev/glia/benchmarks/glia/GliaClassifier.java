package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.spi.ClassifierContender;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.core.Dataset;
import dev.glia.core.EpochResult;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.eval.Evaluation;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.function.UnaryOperator;

/**
 * An image classifier on a Glia backend, trained through the public API a user would call: {@link Network#fit} with
 * shuffling on (its seeded order is {@link dev.glia.benchmarks.spi.EpochOrder}'s), softmax cross-entropy and Adam,
 * one call for all epochs, epoch ends taken from a {@link TrainingListener}. {@link GliaMlp} and {@link GliaCnn} give
 * the layers and the shape of a sample.
 */
abstract class GliaClassifier implements ClassifierContender {
    private final Shape sampleShape;
    private final int batch;
    private final double learningRate;
    private final long seed;
    private final int epochs;
    private final Backend backend;
    private final Network network;
    private Tensor sample;

    /**
     * Opens {@code backendName} and builds the network: {@code layers} adds the layers to a builder already given the
     * seed and the input {@code sampleShape}.
     */
    GliaClassifier(
            String backendName,
            Shape sampleShape,
            UnaryOperator<NetworkBuilder> layers,
            int batch,
            double learningRate,
            long seed,
            int epochs) {
        this.sampleShape = sampleShape;
        this.batch = batch;
        this.learningRate = learningRate;
        this.seed = seed;
        this.epochs = epochs;
        this.backend = GliaBackends.open(backendName);
        try {
            this.network = layers.apply(Network.builder(backend).seed(seed).input(sampleShape))
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
        TrainingOptions options = TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(Optimizers.adam(learningRate, MlpSpec.BETA1, MlpSpec.BETA2, MlpSpec.EPSILON))
                .epochs(epochs)
                .batchSize(batch)
                .shuffle(true)
                .seed(seed)
                .listener(new TrainingListener() {
                    @Override
                    public void epochEnded(EpochResult result) {
                        listener.epochEnded(result.epoch(), result.loss());
                    }
                })
                .build();
        network.fit(dataset(train), options);
    }

    @Override
    public int[] predict(ImageData test) {
        return Evaluation.predictClasses(network, dataset(test));
    }

    @Override
    public void infer(float[] in, float[] out) {
        if (sample == null) {
            sample = backend.allocate(sampleShape.batchOf(1), network.dtype());
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

    private Dataset dataset(ImageData images) {
        return Dataset.of(images.pixels(), sampleShape, images.oneHot(), images.classes());
    }
}

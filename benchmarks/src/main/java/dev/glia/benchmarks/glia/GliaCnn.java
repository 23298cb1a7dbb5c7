package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.core.Dataset;
import dev.glia.core.EpochResult;
import dev.glia.core.Initializer;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;

/**
 * The CNN on a Glia backend, built from the public recipes ({@link Layers#conv2d}, {@link Layers#maxPool2d},
 * {@link Layers#flatten}, {@link Layers#dense}) and trained as a user would: {@link Network#fit} with shuffling on
 * (its seeded order is {@link dev.glia.benchmarks.spi.EpochOrder}'s), one call for all epochs, epoch ends taken from
 * a {@link TrainingListener}. Convolutions start He-initialised for ReLU by default, as the dense layers are asked to.
 */
final class GliaCnn implements CnnContender {
    private final CnnSpec spec;
    private final Shape sampleShape;
    private final Backend backend;
    private final Network network;
    private Tensor sample;

    GliaCnn(String backendName, CnnSpec spec) {
        this.spec = spec;
        this.sampleShape = Shape.of(spec.channels(), spec.side(), spec.side());
        this.backend = GliaBackends.open(backendName);
        try {
            this.network = Network.builder(backend)
                    .seed(spec.seed())
                    .input(sampleShape)
                    .add(Layers.conv2d(spec.filters1(), spec.kernel(), "relu"))
                    .add(Layers.maxPool2d(spec.pool()))
                    .add(Layers.conv2d(spec.filters2(), spec.kernel(), "relu"))
                    .add(Layers.maxPool2d(spec.pool()))
                    .add(Layers.flatten())
                    .add(Layers.dense(spec.hidden(), "relu", Initializer.HE))
                    .add(Layers.dense(spec.classes(), "softmax", Initializer.HE))
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
        network.fit(dataset(train), options);
    }

    @Override
    public int[] predict(ImageData test) {
        float[] outputs = network.predict(dataset(test));
        int classes = spec.classes();
        int[] predicted = new int[test.size()];
        for (int i = 0; i < predicted.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (outputs[i * classes + c] > outputs[i * classes + best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return predicted;
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

package dev.glia.benchmarks.glia;

import dev.glia.api.Shape;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.core.Initializer;
import dev.glia.core.Layers;

/**
 * The CNN on a Glia backend, built from the public recipes ({@link Layers#conv2d}, {@link Layers#maxPool2d},
 * {@link Layers#flatten}, {@link Layers#dense}) and trained as {@link GliaClassifier} says. Convolutions start
 * He-initialised for ReLU by default, as the dense layers are asked to.
 */
final class GliaCnn extends GliaClassifier implements CnnContender {
    GliaCnn(String backendName, CnnSpec spec) {
        super(
                backendName,
                Shape.of(spec.channels(), spec.side(), spec.side()),
                b -> b.add(Layers.conv2d(spec.filters1(), spec.kernel(), "relu"))
                        .add(Layers.maxPool2d(spec.pool()))
                        .add(Layers.conv2d(spec.filters2(), spec.kernel(), "relu"))
                        .add(Layers.maxPool2d(spec.pool()))
                        .add(Layers.flatten())
                        .add(Layers.dense(spec.hidden(), "relu", Initializer.HE))
                        .add(Layers.dense(spec.classes(), "softmax", Initializer.HE)),
                spec.batch(),
                spec.learningRate(),
                spec.seed(),
                spec.epochs());
    }
}

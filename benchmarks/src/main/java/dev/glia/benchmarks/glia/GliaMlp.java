package dev.glia.benchmarks.glia;

import dev.glia.api.Shape;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.core.Initializer;

/** The MLP on a Glia backend: dense layers of the {@link MlpSpec}, trained as {@link GliaClassifier} says. */
final class GliaMlp extends GliaClassifier implements MlpContender {
    GliaMlp(String backendName, MlpSpec spec) {
        super(
                backendName,
                Shape.of(spec.inputs()),
                b -> b.dense(spec.hidden1(), "relu", Initializer.HE)
                        .dense(spec.hidden2(), "relu", Initializer.HE)
                        .dense(spec.classes(), "softmax", Initializer.HE),
                spec.batch(),
                spec.learningRate(),
                spec.seed(),
                spec.epochs());
    }
}

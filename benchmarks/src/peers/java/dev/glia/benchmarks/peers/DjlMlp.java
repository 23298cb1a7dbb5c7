package dev.glia.benchmarks.peers;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;

/** The MLP in DJL on PyTorch: {@code Linear} layers with ReLU between them; the rest is {@link DjlClassifier}'s. */
final class DjlMlp extends DjlClassifier implements MlpContender {
    DjlMlp(MlpSpec spec) {
        super(
                new SequentialBlock()
                        .add(Linear.builder().setUnits(spec.hidden1()).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(spec.hidden2()).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(spec.classes()).build()),
                "mlp",
                new long[] {spec.inputs()},
                spec.batch(),
                spec.learningRate(),
                spec.seed(),
                spec.epochs());
    }
}

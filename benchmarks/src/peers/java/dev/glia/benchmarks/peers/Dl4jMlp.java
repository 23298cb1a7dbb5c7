package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MLP as a DL4J {@code MultiLayerNetwork}: weight init {@code RELU} (He normal, N(0, 2/fanIn)) on every
 * layer, zero biases, Adam, {@code MCXENT} loss with a softmax output (DL4J computes its gradient in the
 * fused form), float32. Trained with {@code fit(DataSet)} per mini-batch in {@link EpochOrder}'s order.
 */
final class Dl4jMlp extends Dl4jClassifier implements MlpContender {
    Dl4jMlp(MlpSpec spec) {
        super(configuration(spec), "MLP", spec.batch(), spec.seed(), spec.epochs());
    }

    private static MultiLayerConfiguration configuration(MlpSpec spec) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .biasInit(0)
                .updater(new Adam(spec.learningRate(), MlpSpec.BETA1, MlpSpec.BETA2, MlpSpec.EPSILON))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(spec.inputs())
                        .nOut(spec.hidden1())
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(spec.hidden1())
                        .nOut(spec.hidden2())
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(spec.hidden2())
                        .nOut(spec.classes())
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
    }
}

package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.XorContender;
import dev.glia.benchmarks.spi.XorSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** XOR 2-8-1 as a DL4J {@code MultiLayerNetwork}; one step = {@code fit(DataSet)} on the batch of four. */
final class Dl4jXor implements XorContender {
    private final MultiLayerNetwork net;
    private final DataSet data;

    Dl4jXor(XorSpec spec) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .updater(new Adam(spec.learningRate()))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(2)
                        .nOut(spec.hidden())
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(spec.hidden())
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        data = new DataSet(
                Nd4j.create(XorSpec.inputs(), new long[] {4, 2}, 'c'),
                Nd4j.create(XorSpec.targets(), new long[] {4, 1}, 'c'));
    }

    @Override
    public String engine() {
        return Nd4jEngine.describe("DL4J 1.0.0-M2.1 MultiLayerNetwork");
    }

    @Override
    public void steps(int n) {
        for (int i = 0; i < n; i++) {
            net.fit(data);
        }
    }

    @Override
    public double loss() {
        return net.score(data);
    }

    @Override
    public void close() {
        net.close();
    }
}

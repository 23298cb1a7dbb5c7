package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MLP as a DL4J {@code MultiLayerNetwork}: weight init {@code RELU} (He normal, N(0, 2/fanIn)) on every
 * layer, zero biases, Adam, {@code MCXENT} loss with a softmax output (DL4J computes its gradient in the
 * fused form), float32. Trained with {@code fit(DataSet)} per mini-batch in {@link EpochOrder}'s order.
 */
final class Dl4jMlp implements MlpContender {
    private final MlpSpec spec;
    private final MultiLayerNetwork net;

    Dl4jMlp(MlpSpec spec) {
        this.spec = spec;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
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
        net = new MultiLayerNetwork(conf);
        net.init();
    }

    @Override
    public String engine() {
        return Nd4jEngine.describe("DL4J 1.0.0-M2.1 MultiLayerNetwork");
    }

    @Override
    public void train(ImageData train, EpochListener listener) {
        int n = train.size();
        EpochOrder orders = new EpochOrder(n, spec.seed());
        float[] x = new float[spec.batch() * train.width()];
        float[] y = new float[spec.batch() * train.classes()];
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            int[] order = orders.next();
            double lossSum = 0;
            for (int from = 0; from < n; from += spec.batch()) {
                int count = Math.min(spec.batch(), n - from);
                float[] bx = count == spec.batch() ? x : new float[count * train.width()];
                float[] by = count == spec.batch() ? y : new float[count * train.classes()];
                train.gatherPixels(order, from, count, bx);
                train.gatherOneHot(order, from, count, by);
                INDArray features = Nd4j.create(bx, new long[] {count, train.width()}, 'c');
                INDArray labels = Nd4j.create(by, new long[] {count, train.classes()}, 'c');
                net.fit(new DataSet(features, labels));
                lossSum += net.score() * count;
                features.close();
                labels.close();
            }
            listener.epochEnded(epoch, lossSum / n);
        }
    }

    @Override
    public int[] predict(ImageData test) {
        int n = test.size();
        int[] out = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int from = 0; from < n; from += 256) {
            int count = Math.min(256, n - from);
            float[] bx = new float[count * test.width()];
            test.gatherPixels(order, from, count, bx);
            try (INDArray x = Nd4j.create(bx, new long[] {count, test.width()}, 'c')) {
                INDArray y = net.output(x);
                int[] classes = y.argMax(1).toIntVector();
                System.arraycopy(classes, 0, out, from, count);
            }
        }
        return out;
    }

    @Override
    public void infer(float[] sample, float[] out) {
        try (INDArray x = Nd4j.create(sample, new long[] {1, sample.length}, 'c')) {
            INDArray y = net.output(x);
            float[] v = y.toFloatVector();
            System.arraycopy(v, 0, out, 0, out.length);
        }
    }

    @Override
    public void close() {
        net.close();
    }
}

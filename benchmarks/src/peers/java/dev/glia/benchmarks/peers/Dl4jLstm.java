package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.LstmContender;
import dev.glia.benchmarks.spi.LstmSpec;
import dev.glia.benchmarks.spi.MlpSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
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
 * The character model as a DL4J {@code MultiLayerNetwork}, the way DL4J's own character-modelling example writes it:
 * {@code LSTM} layers (tanh, sigmoid gates, input and recurrent weights U(±1/√H), biases 0: DL4J sets biases to a
 * constant, and its default forget-gate bias of 1 is set to 0 as well) and an {@code RnnOutputLayer} (softmax,
 * {@code MCXENT}, Xavier-uniform) on one-hot input in DL4J's default NCW layout {@code [N, V, T]}; Adam, float32; {@code fit(DataSet)} per mini-batch in {@link EpochOrder}'s order (plain
 * backpropagation through time, no state carried between calls). Generation is {@code rnnTimeStep}, DL4J's stateful
 * single step.
 */
final class Dl4jLstm implements LstmContender {
    private final LstmSpec spec;
    private final MultiLayerNetwork net;

    Dl4jLstm(LstmSpec spec) {
        this.spec = spec;
        this.net = new MultiLayerNetwork(configuration(spec));
        this.net.init();
    }

    private static MultiLayerConfiguration configuration(LstmSpec spec) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .updater(new Adam(spec.learningRate(), MlpSpec.BETA1, MlpSpec.BETA2, MlpSpec.EPSILON))
                .list();
        int in = spec.vocabulary();
        for (int l = 0; l < spec.layers(); l++) {
            list.layer(new LSTM.Builder()
                    .nIn(in)
                    .nOut(spec.hidden())
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .weightInit(new UniformDistribution(-spec.lstmInitBound(), spec.lstmInitBound()))
                    .forgetGateBiasInit(0)
                    .build());
            in = spec.hidden();
        }
        return list.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(in)
                        .nOut(spec.vocabulary())
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
    }

    @Override
    public String engine() {
        return Nd4jEngine.describe("DL4J 1.0.0-M2.1 MultiLayerNetwork (LSTM, RnnOutputLayer)");
    }

    @Override
    public void train(CharText text, EpochListener listener) {
        int batch = spec.batch();
        int steps = spec.sequence();
        int v = spec.vocabulary();
        EpochOrder orders = new EpochOrder(text.trainWindows(), spec.seed());
        int[] inputs = new int[batch * steps];
        int[] targets = new int[batch * steps];
        float[] x = new float[batch * v * steps];
        float[] y = new float[batch * v * steps];
        long[] shape = {batch, v, steps};
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            int[] order = orders.next();
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < text.trainWindows(); from += batch) {
                text.trainInputs(order, from, batch, inputs);
                text.trainTargets(order, from, batch, targets);
                CharText.oneHotNct(inputs, batch, steps, v, x);
                CharText.oneHotNct(targets, batch, steps, v, y);
                INDArray features = Nd4j.create(x, shape, 'c');
                INDArray labels = Nd4j.create(y, shape, 'c');
                net.fit(new DataSet(features, labels));
                // DL4J's score of a sequence output: the summed cross-entropy of a window's steps, per window
                lossSum += net.score() / steps;
                batches++;
                features.close();
                labels.close();
            }
            listener.epochEnded(epoch, lossSum / batches);
        }
    }

    @Override
    public void predict(int[] inputs, int count, float[] probabilities) {
        int steps = spec.sequence();
        int v = spec.vocabulary();
        float[] x = new float[count * v * steps];
        CharText.oneHotNct(inputs, count, steps, v, x);
        try (INDArray features = Nd4j.create(x, new long[] {count, v, steps}, 'c')) {
            // [N, V, T] → [N, T, V], the order the harness reads
            INDArray out = net.output(features).permute(0, 2, 1).dup('c');
            float[] p = out.data().asFloat();
            System.arraycopy(p, 0, probabilities, 0, count * steps * v);
            out.close();
        }
    }

    @Override
    public void resetState() {
        net.rnnClearPreviousState();
    }

    @Override
    public void step(int code, float[] probabilities) {
        // a 2-d [1, V] input is one time step; the output is then [1, V] too
        try (INDArray x = Nd4j.zeros(DataType.FLOAT, 1, spec.vocabulary())) {
            x.putScalar(0, code, 1f);
            INDArray out = net.rnnTimeStep(x);
            float[] p = out.toFloatVector();
            System.arraycopy(p, 0, probabilities, 0, spec.vocabulary());
        }
    }

    @Override
    public void close() {
        net.close();
    }
}

package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.MlpSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The CNN as a DL4J {@code MultiLayerNetwork}, the way DL4J's own LeNet example writes it: {@code ConvolutionLayer}
 * (valid: {@code ConvolutionMode.Truncate}, stride 1) and {@code SubsamplingLayer} (max) over
 * {@code InputType.convolutionalFlat(28, 28, 1)}, which reshapes the flat rows to NCHW and inserts the
 * preprocessors before the dense layers; weight init {@code RELU} (He normal, fan-in channels·kernel² for a
 * convolution), zero biases, Adam, {@code MCXENT} with a softmax output, float32. Trained with {@code fit(DataSet)}
 * per mini-batch in {@link EpochOrder}'s order.
 */
final class Dl4jCnn extends Dl4jClassifier implements CnnContender {
    Dl4jCnn(CnnSpec spec) {
        super(configuration(spec), "CNN", spec.batch(), spec.seed(), spec.epochs());
    }

    private static MultiLayerConfiguration configuration(CnnSpec spec) {
        int[] kernel = {spec.kernel(), spec.kernel()};
        int[] pool = {spec.pool(), spec.pool()};
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .biasInit(0)
                .convolutionMode(ConvolutionMode.Truncate)
                .updater(new Adam(spec.learningRate(), MlpSpec.BETA1, MlpSpec.BETA2, MlpSpec.EPSILON))
                .list()
                .layer(new ConvolutionLayer.Builder(kernel)
                        .stride(1, 1)
                        .nIn(spec.channels())
                        .nOut(spec.filters1())
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(pool)
                        .stride(pool)
                        .build())
                .layer(new ConvolutionLayer.Builder(kernel)
                        .stride(1, 1)
                        .nOut(spec.filters2())
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(pool)
                        .stride(pool)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(spec.hidden())
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(spec.classes())
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(spec.side(), spec.side(), spec.channels()))
                .build();
    }
}

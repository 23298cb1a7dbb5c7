package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.ClassifierContender;
import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.Subnormals;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * A DL4J {@code MultiLayerNetwork} classifier of flat {@code [N, 784]} images, trained with {@code fit(DataSet)} per
 * mini-batch in {@link EpochOrder}'s order; what {@link Dl4jMlp} and {@link Dl4jCnn} share (the CNN's configuration
 * reshapes the flat rows itself, through {@code InputType.convolutionalFlat}).
 */
abstract class Dl4jClassifier implements ClassifierContender {
    private final MultiLayerNetwork net;
    private final String kind;
    private final int batch;
    private final long seed;
    private final int epochs;
    private boolean fitIterator;

    Dl4jClassifier(MultiLayerConfiguration conf, String kind, int batch, long seed, int epochs) {
        this.net = new MultiLayerNetwork(conf);
        this.net.init();
        this.kind = kind;
        this.batch = batch;
        this.seed = seed;
        this.epochs = epochs;
    }

    @Override
    public String engine() {
        return Nd4jEngine.describe("DL4J 1.0.0-M2.1 MultiLayerNetwork (" + kind + ")");
    }

    /**
     * Makes {@link #train} the loop a DL4J user writes: the training set as one {@code DataSet}, cut into mini-batches
     * ({@code DataSet.batchBy}) behind an {@code ExistingDataSetIterator}, and {@code net.fit(iterator, epochs)},
     * epochs reported by a {@code TrainingListener}'s {@code onEpochEnd}; the mean loss is not reported (NaN), and the
     * batches keep one order. For the cross-check.
     */
    Dl4jClassifier useFitIterator() {
        fitIterator = true;
        return this;
    }

    @Override
    public void train(ImageData train, EpochListener listener) {
        if (fitIterator) {
            trainWithFitIterator(train, listener);
            return;
        }
        int n = train.size();
        EpochOrder orders = new EpochOrder(n, seed);
        float[] x = new float[batch * train.width()];
        float[] y = new float[batch * train.classes()];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = orders.next();
            double lossSum = 0;
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                float[] bx = count == batch ? x : new float[count * train.width()];
                float[] by = count == batch ? y : new float[count * train.classes()];
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

    private void trainWithFitIterator(ImageData train, EpochListener listener) {
        int n = train.size();
        DataSet all = new DataSet(
                Nd4j.create(train.pixels(), new long[] {n, train.width()}, 'c'),
                Nd4j.create(train.oneHot(), new long[] {n, train.classes()}, 'c'));
        all.shuffle(seed);
        int[] epoch = {0};
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onEpochEnd(Model model) {
                listener.epochEnded(++epoch[0], Double.NaN);
            }
        });
        try {
            net.fit(new ExistingDataSetIterator(all.batchBy(batch)), epochs);
        } finally {
            net.setListeners();
        }
    }

    @Override
    public int[] predict(ImageData test) {
        return test.classifyInChunks(256, (pixels, count) -> {
            try (INDArray x = Nd4j.create(pixels, new long[] {count, test.width()}, 'c')) {
                return net.output(x).argMax(1).toIntVector();
            }
        });
    }

    @Override
    public void infer(float[] sample, float[] out) {
        try (INDArray x = Nd4j.create(sample, new long[] {1, sample.length}, 'c')) {
            INDArray y = net.output(x);
            float[] v = y.toFloatVector();
            System.arraycopy(v, 0, out, 0, out.length);
        }
    }

    /**
     * Adam's moments from each updater block's {@code GradientUpdater.getState()} ("M" and "V") and the parameters
     * from {@code params()}, copied to the host as float arrays.
     */
    @Override
    public Subnormals subnormals() {
        long m = 0;
        long v = 0;
        if (!(net.getUpdater() instanceof BaseMultiLayerUpdater<?> updater)) {
            return null;
        }
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            GradientUpdater<?> adam = block.getGradientUpdater();
            Map<String, INDArray> state = adam.getState();
            if (state == null || !state.containsKey("M") || !state.containsKey("V")) {
                return null;
            }
            m += Subnormals.count(state.get("M").toFloatVector());
            v += Subnormals.count(state.get("V").toFloatVector());
        }
        float[] p = net.params().toFloatVector();
        return new Subnormals(m, v, Subnormals.count(p), p.length);
    }

    @Override
    public void close() {
        net.close();
    }
}

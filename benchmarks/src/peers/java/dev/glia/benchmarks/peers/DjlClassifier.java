package dev.glia.benchmarks.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.glia.benchmarks.spi.ClassifierContender;
import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Subnormals;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * A DJL classifier on PyTorch, what {@link DjlMlp} and {@link DjlCnn} share: weights He-normal (Xavier gaussian,
 * factor "in", magnitude 2 = N(0, 2/fanIn); DJL's fan-in of a convolution is channels·kernel²) and zero biases,
 * softmax cross-entropy from the logits against one-hot rows, Adam. The training set goes to the engine once, and
 * each batch is gathered there by its indices in {@link EpochOrder}'s order (what {@code ArrayDataset} does); one step
 * is DJL's own training step ({@code GradientCollector}, {@code Trainer.forward}, the loss, {@code backward},
 * {@code Trainer.step}), what {@code EasyTrain.trainBatch} does, without its metrics; the loss is summed on the engine
 * and read once an epoch. Samples go in with {@code sampleShape} (e.g. [784] or [1, 28, 28]) after the batch
 * dimension.
 */
abstract class DjlClassifier implements ClassifierContender {
    private final Model model;
    private final Trainer trainer;
    private final Optimizer adam;
    private final long[] sampleShape;
    private final int batch;
    private final long seed;
    private final int epochs;
    /** Where {@link EasyTrain}'s end-of-epoch calls go ({@link #useEasyTrain}); null on the harness's own loop. */
    private EpochListener easyTrainListener;

    private boolean easyTrain;
    private int easyTrainEpoch;

    DjlClassifier(Block net, String name, long[] sampleShape, int batch, double learningRate, long seed, int epochs) {
        this.sampleShape = sampleShape.clone();
        this.batch = batch;
        this.seed = seed;
        this.epochs = epochs;
        DjlSupport.engine(seed);
        net.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        model = Model.newInstance(name, Device.cpu(), DjlSupport.ENGINE);
        model.setBlock(net);
        adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) learningRate))
                .optBeta1((float) MlpSpec.BETA1)
                .optBeta2((float) MlpSpec.BETA2)
                .optEpsilon((float) MlpSpec.EPSILON)
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(
                        new SoftmaxCrossEntropyLoss("softmax_cross_entropy", 1, -1, false, true))
                .optOptimizer(adam)
                .addTrainingListeners(new TrainingListenerAdapter() {
                    @Override
                    public void onEpoch(Trainer t) {
                        if (easyTrainListener != null) {
                            easyTrainListener.epochEnded(++easyTrainEpoch, Double.NaN);
                        }
                    }
                });
        trainer = model.newTrainer(config);
        trainer.initialize(shape(batch));
    }

    @Override
    public String engine() {
        return DjlSupport.describe();
    }

    /**
     * Makes {@link #train} the loop a DJL user writes: the whole training set as one {@code ArrayDataset} (random
     * sampling, batches of the spec's size) and {@code EasyTrain.fit(trainer, epochs, dataset, null)}, epochs reported
     * by a {@code TrainingListener}; the mean loss is not reported (NaN). For the cross-check.
     */
    DjlClassifier useEasyTrain() {
        easyTrain = true;
        return this;
    }

    @Override
    public void train(ImageData train, EpochListener listener) {
        if (easyTrain) {
            trainWithEasyTrain(train, listener);
            return;
        }
        int n = train.size();
        EpochOrder orders = new EpochOrder(n, seed);
        try (NDManager data = trainer.getManager().newSubManager()) {
            NDArray pixels = data.create(train.pixels(), shape(n));
            NDArray oneHot = data.create(train.oneHot(), new Shape(n, train.classes()));
            long[] order = new long[n];
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] next = orders.next();
                for (int i = 0; i < n; i++) {
                    order[i] = next[i];
                }
                try (NDManager epochScope = data.newSubManager()) {
                    NDArray indices = epochScope.create(order);
                    NDArray lossSum = epochScope.zeros(new Shape());
                    for (int from = 0; from < n; from += batch) {
                        int count = Math.min(batch, n - from);
                        trainStep(pixels, oneHot, indices, from, count, lossSum);
                    }
                    listener.epochEnded(epoch, lossSum.getFloat() / n);
                }
            }
        }
    }

    /**
     * One training step on the samples {@code indices[from..from+count)}, gathered on the engine from the uploaded
     * training set as {@code ArrayDataset} does; the batch's summed loss is added to {@code lossSum} on the engine,
     * so that nothing is read back until the epoch ends. Every array of the step lives in its own manager.
     */
    private void trainStep(NDArray pixels, NDArray oneHot, NDArray indices, int from, int count, NDArray lossSum) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDIndex rows = new NDIndex("{}", indices.get(m, new NDIndex().addSliceDim(from, from + count)));
            NDArray features = pixels.get(m, rows);
            NDArray labels = oneHot.get(m, rows);
            NDArray loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList logits = trainer.forward(new NDList(features));
                loss = trainer.getLoss().evaluate(new NDList(labels), logits);
                gc.backward(loss);
            }
            lossSum.addi(loss.mul(count));
            trainer.step();
        }
    }

    private void trainWithEasyTrain(ImageData train, EpochListener listener) {
        int n = train.size();
        try (NDManager data = trainer.getManager().newSubManager()) {
            ArrayDataset dataset = new ArrayDataset.Builder()
                    .setData(data.create(train.pixels(), shape(n)))
                    .optLabels(data.create(train.oneHot(), new Shape(n, train.classes())))
                    .setSampling(batch, true)
                    .build();
            easyTrainListener = listener;
            easyTrainEpoch = 0;
            EasyTrain.fit(trainer, epochs, dataset, null);
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("DJL's EasyTrain.fit failed: " + e.getMessage(), e);
        } finally {
            easyTrainListener = null;
        }
    }

    @Override
    public int[] predict(ImageData test) {
        return test.classifyInChunks(256, (pixels, count) -> {
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray logits = trainer.evaluate(new NDList(m.create(pixels, shape(count))))
                        .singletonOrThrow();
                return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
            }
        });
    }

    @Override
    public void infer(float[] sample, float[] out) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray logits =
                    trainer.evaluate(new NDList(m.create(sample, shape(1)))).singletonOrThrow();
            float[] v = logits.softmax(1).toFloatArray();
            System.arraycopy(v, 0, out, 0, out.length);
        }
    }

    /**
     * Adam's moments from the private {@code means} and {@code variances} maps of DJL's {@code Adam} (by reflection:
     * DJL has no accessor; null when a DJL version renames them) and the parameters from the block.
     */
    @Override
    public Subnormals subnormals() {
        long m;
        long v;
        try {
            m = countState("means");
            v = countState("variances");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        long p = 0;
        long values = 0;
        for (Parameter parameter : model.getBlock().getParameters().values()) {
            float[] a = parameter.getArray().toFloatArray();
            p += Subnormals.count(a);
            values += a.length;
        }
        return new Subnormals(m, v, p, values);
    }

    private long countState(String field) throws ReflectiveOperationException {
        Field f = adam.getClass().getDeclaredField(field);
        f.setAccessible(true);
        long n = 0;
        for (Object perDevice : ((Map<?, ?>) f.get(adam)).values()) {
            for (Object array : ((Map<?, ?>) perDevice).values()) {
                n += Subnormals.count(((NDArray) array).toFloatArray());
            }
        }
        return n;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /** {@code [count, sampleShape…]}. */
    private Shape shape(int count) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = count;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return new Shape(dims);
    }
}

package dev.glia.benchmarks.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;

/**
 * The MLP in DJL on PyTorch: {@code Linear} layers with He-normal weights (Xavier gaussian, factor "in",
 * magnitude 2 = N(0, 2/fanIn)) and zero biases, softmax cross-entropy from the logits against one-hot rows,
 * Adam. One step is DJL's own training step ({@code GradientCollector}, {@code Trainer.forward}, the loss,
 * {@code backward}, {@code Trainer.step}), what {@code EasyTrain.trainBatch} does, without its metrics.
 */
final class DjlMlp implements MlpContender {
    private final MlpSpec spec;
    private final Model model;
    private final Trainer trainer;

    DjlMlp(MlpSpec spec) {
        this.spec = spec;
        DjlSupport.engine(spec.seed());
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(spec.hidden1()).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(spec.hidden2()).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(spec.classes()).build());
        net.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        model = Model.newInstance("mlp", Device.cpu(), DjlSupport.ENGINE);
        model.setBlock(net);
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) spec.learningRate()))
                .optBeta1((float) MlpSpec.BETA1)
                .optBeta2((float) MlpSpec.BETA2)
                .optEpsilon((float) MlpSpec.EPSILON)
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(
                        new SoftmaxCrossEntropyLoss("softmax_cross_entropy", 1, -1, false, true))
                .optOptimizer(adam);
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(spec.batch(), spec.inputs()));
    }

    @Override
    public String engine() {
        return DjlSupport.describe();
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
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    NDArray features = batch.create(bx, new Shape(count, train.width()));
                    NDArray labels = batch.create(by, new Shape(count, train.classes()));
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList logits = trainer.forward(new NDList(features));
                        NDArray loss = trainer.getLoss().evaluate(new NDList(labels), logits);
                        gc.backward(loss);
                        lossSum += loss.getFloat() * count;
                    }
                    trainer.step();
                }
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
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray logits = trainer.evaluate(new NDList(m.create(bx, new Shape(count, test.width()))))
                        .singletonOrThrow();
                long[] classes = logits.argMax(1).toLongArray();
                for (int i = 0; i < count; i++) {
                    out[from + i] = (int) classes[i];
                }
            }
        }
        return out;
    }

    @Override
    public void infer(float[] sample, float[] out) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray logits = trainer.evaluate(new NDList(m.create(sample, new Shape(1, sample.length))))
                    .singletonOrThrow();
            float[] v = logits.softmax(1).toFloatArray();
            System.arraycopy(v, 0, out, 0, out.length);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}

package dev.glia.benchmarks.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.benchmarks.spi.LstmContender;
import dev.glia.benchmarks.spi.LstmSpec;
import dev.glia.benchmarks.spi.MlpSpec;

/**
 * The character model in DJL on PyTorch: DJL's {@code LSTM} block (PyTorch's fused multi-layer LSTM, batch first,
 * returning its state), then a {@code Linear} block applied to every step of {@code [N, T, H]}, on one-hot input
 * {@code [N, T, V]}; the LSTM's weights and biases U(±1/√H) (PyTorch's own default), the output layer Xavier-uniform
 * (magnitude 3 over the average fan: Glorot's bound) with zero biases; softmax
 * cross-entropy from the logits against one-hot rows averaged over the characters, Adam. One step is DJL's own
 * training step ({@code GradientCollector}, {@code Trainer.forward}, the loss, {@code backward}, {@code Trainer.step}),
 * on windows one-hot encoded by the engine from their character codes, the loss summed on the engine and read once
 * an epoch.
 * Generation calls the two blocks directly, passing the LSTM's (h, c) from one step to the next.
 */
final class DjlLstm implements LstmContender {
    private final LstmSpec spec;
    private final LSTM lstm;
    private final Block output;
    private final Model model;
    private final Trainer trainer;
    private NDManager state;
    private NDArray h;
    private NDArray c;

    DjlLstm(LstmSpec spec) {
        this.spec = spec;
        DjlSupport.engine(spec.seed());
        lstm = LSTM.builder()
                .setStateSize(spec.hidden())
                .setNumLayers(spec.layers())
                .optBatchFirst(true)
                .optReturnState(true)
                .build();
        output = Linear.builder().setUnits(spec.vocabulary()).build();
        SequentialBlock net = new SequentialBlock()
                .add(lstm)
                .add(list -> new NDList(list.head())) // the outputs of every step, not the final (h, c)
                .add(output);
        net.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                Parameter.Type.WEIGHT);
        Initializer uniform = new UniformInitializer((float) spec.lstmInitBound());
        lstm.setInitializer(uniform, Parameter.Type.WEIGHT);
        lstm.setInitializer(uniform, Parameter.Type.BIAS);
        model = Model.newInstance("char-lstm", Device.cpu(), DjlSupport.ENGINE);
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
        trainer.initialize(new Shape(spec.batch(), spec.sequence(), spec.vocabulary()));
    }

    @Override
    public String engine() {
        return DjlSupport.describe();
    }

    @Override
    public void train(CharText text, EpochListener listener) {
        int batch = spec.batch();
        int steps = spec.sequence();
        EpochOrder orders = new EpochOrder(text.trainWindows(), spec.seed());
        int[] inputs = new int[batch * steps];
        int[] targets = new int[batch * steps];
        Shape codesShape = new Shape(batch, steps);
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            int[] order = orders.next();
            int batches = 0;
            try (NDManager epochScope = trainer.getManager().newSubManager()) {
                NDArray lossSum = epochScope.zeros(new Shape());
                for (int from = 0; from < text.trainWindows(); from += batch) {
                    text.trainInputs(order, from, batch, inputs);
                    text.trainTargets(order, from, batch, targets);
                    trainStep(inputs, targets, codesShape, lossSum);
                    batches++;
                }
                listener.epochEnded(epoch, lossSum.getFloat() / batches);
            }
        }
    }

    /**
     * One training step: the window's character codes go to the engine (a quarter of a float per one-hot value) and
     * are one-hot encoded there; the loss is added to {@code lossSum} on the engine, read once an epoch.
     */
    private void trainStep(int[] inputs, int[] targets, Shape codesShape, NDArray lossSum) {
        int v = spec.vocabulary();
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray features = m.create(inputs, codesShape).oneHot(v);
            NDArray labels = m.create(targets, codesShape).oneHot(v);
            NDArray loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList logits = trainer.forward(new NDList(features));
                loss = trainer.getLoss().evaluate(new NDList(labels), logits);
                gc.backward(loss);
            }
            lossSum.addi(loss);
            trainer.step();
        }
    }

    @Override
    public void predict(int[] inputs, int count, float[] probabilities) {
        int steps = spec.sequence();
        int v = spec.vocabulary();
        float[] x = new float[count * steps * v];
        CharText.oneHotNtc(inputs, count, steps, v, x);
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray logits = trainer.evaluate(new NDList(m.create(x, new Shape(count, steps, v))))
                    .singletonOrThrow();
            float[] p = logits.softmax(-1).toFloatArray();
            System.arraycopy(p, 0, probabilities, 0, count * steps * v);
        }
    }

    @Override
    public void resetState() {
        if (state != null) {
            state.close();
        }
        state = trainer.getManager().newSubManager();
        Shape stateShape = new Shape(spec.layers(), 1, spec.hidden());
        h = state.zeros(stateShape);
        c = state.zeros(stateShape);
    }

    @Override
    public void step(int code, float[] probabilities) {
        int v = spec.vocabulary();
        float[] x = new float[v];
        x[code] = 1f;
        try (NDManager m = trainer.getManager().newSubManager()) {
            ParameterStore parameters = new ParameterStore(m, false);
            NDList out = lstm.forward(parameters, new NDList(m.create(x, new Shape(1, 1, v)), h, c), false);
            NDArray logits =
                    output.forward(parameters, new NDList(out.get(0)), false).singletonOrThrow();
            float[] p = logits.softmax(-1).toFloatArray();
            System.arraycopy(p, 0, probabilities, 0, v);
            NDArray oldH = h;
            NDArray oldC = c;
            h = out.get(1);
            c = out.get(2);
            h.attach(state);
            c.attach(state);
            oldH.close();
            oldC.close();
        }
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
        trainer.close();
        model.close();
    }
}

package dev.glia.benchmarks.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.glia.benchmarks.spi.XorContender;
import dev.glia.benchmarks.spi.XorSpec;

/** XOR 2-8-1 in DJL on PyTorch; one step = gradient collector, forward, loss from logits, backward, step. */
final class DjlXor implements XorContender {
    private final Model model;
    private final Trainer trainer;
    private final NDArray x;
    private final NDArray y;

    DjlXor(XorSpec spec) {
        DjlSupport.engine(spec.seed());
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(spec.hidden()).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(1).build());
        net.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 6),
                Parameter.Type.WEIGHT);
        model = Model.newInstance("xor", Device.cpu(), DjlSupport.ENGINE);
        model.setBlock(net);
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) spec.learningRate()))
                .build();
        trainer = model.newTrainer(new DefaultTrainingConfig(new SigmoidBinaryCrossEntropyLoss()).optOptimizer(adam));
        trainer.initialize(new Shape(4, 2));
        x = trainer.getManager().create(XorSpec.inputs(), new Shape(4, 2));
        y = trainer.getManager().create(XorSpec.targets(), new Shape(4, 1));
    }

    @Override
    public String engine() {
        return DjlSupport.describe();
    }

    @Override
    public void steps(int n) {
        for (int i = 0; i < n; i++) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList logits = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), logits);
                gc.backward(loss);
                loss.getFloat();
                logits.close();
                loss.close();
            }
            trainer.step();
        }
    }

    @Override
    public double loss() {
        NDList logits = trainer.evaluate(new NDList(x));
        NDArray loss = trainer.getLoss().evaluate(new NDList(y), logits);
        double v = loss.getFloat();
        logits.close();
        loss.close();
        return v;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}

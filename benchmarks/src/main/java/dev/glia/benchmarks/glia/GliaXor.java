package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.benchmarks.spi.XorContender;
import dev.glia.benchmarks.spi.XorSpec;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;

/**
 * The XOR network on a Glia backend, trained with {@link Network#fit}: {@code steps(n)} is one call of
 * {@code n} epochs of one batch of four, unshuffled, with one Adam instance across calls.
 */
final class GliaXor implements XorContender {
    private final Backend backend;
    private final Network network;
    private final Dataset data = Dataset.of(XorSpec.inputs(), 2, XorSpec.targets(), 1);
    private final Loss loss = Losses.binaryCrossEntropy();
    private final Optimizer optimizer;

    GliaXor(String backendName, XorSpec spec) {
        this.backend = GliaBackends.open(backendName);
        this.network = Network.builder(backend)
                .seed(spec.seed())
                .input(2)
                .dense(spec.hidden(), "tanh")
                .dense(1, "sigmoid")
                .build();
        this.optimizer = Optimizers.adam(spec.learningRate());
    }

    @Override
    public String engine() {
        return "Glia " + backend.name() + ": " + backend.description();
    }

    @Override
    public void steps(int n) {
        network.fit(
                data,
                TrainingOptions.builder()
                        .loss(loss)
                        .optimizer(optimizer)
                        .epochs(n)
                        .batchSize(4)
                        .shuffle(false)
                        .build());
    }

    @Override
    public double loss() {
        return network.evaluateLoss(data, loss);
    }

    @Override
    public void close() {
        network.close();
        backend.close();
    }
}

package dev.glia.core;

import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import java.util.List;
import java.util.Random;

/**
 * One training step of {@link Network#fit} taken apart, for trainers that combine gradients from several
 * places (data-parallel training): {@link #computeGradients} leaves a batch's gradients in every
 * {@link Parameter#gradient()} without updating anything, and {@link #applyGradients} runs the optimiser once
 * on whatever gradients the parameters hold. Computing then applying is exactly the step {@code fit} takes on
 * the same samples, bit for bit on one backend: both run the same code.
 *
 * <pre>{@code
 * double loss = TrainingSteps.computeGradients(net, batch, Losses.mse());
 * float[] g = FlatParameters.readGradients(net);        // ... sum with other workers' gradients ...
 * FlatParameters.writeGradients(net, summed);
 * TrainingSteps.applyGradients(net, optimizer);
 * }</pre>
 */
public final class TrainingSteps {
    /** Leaves the gradients where they are: what a step without an update runs instead of an optimiser. */
    private static final Optimizer NO_UPDATE = new Optimizer() {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public void step(List<Parameter> parameters) {
            // the gradients stay in the parameters for the caller
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private TrainingSteps() {}

    /**
     * Computes the gradients of {@code loss} over every sample of {@code batch}, in order, into the parameters'
     * gradients (replacing what they held), without changing any weight.
     *
     * @return the batch's mean loss
     */
    public static double computeGradients(Network network, Dataset batch, Loss loss) {
        return computeGradients(network, batch, Network.identity(batch.size()), 0, batch.size(), loss);
    }

    /**
     * Computes the gradients of {@code loss} over the samples {@code order[from .. from+count)} of {@code data}
     * into the parameters' gradients (the mean over the samples, as {@code fit} takes it), without changing any
     * weight.
     *
     * @return the mean loss of those samples
     * @throws IllegalArgumentException if the data's samples do not fit the network's input, or the range is
     *     outside {@code order}
     */
    public static double computeGradients(Network network, Dataset data, int[] order, int from, int count, Loss loss) {
        if (data.featureWidth() != network.inputWidth()) {
            throw new IllegalArgumentException("The network expects " + network.inputWidth()
                    + " values per sample, but the data's samples hold " + data.featureWidth());
        }
        if (count < 1 || from < 0 || from > order.length - count) {
            throw new IllegalArgumentException("A gradient batch needs 1 or more samples inside the order of "
                    + order.length + ", got " + count + " from " + from);
        }
        return network.trainStep(data, order, from, count, loss, NO_UPDATE, network.parameters());
    }

    /**
     * Updates every parameter once from the gradients it holds, with {@code optimizer}'s rule and state (the
     * caller keeps and closes the optimiser).
     */
    public static void applyGradients(Network network, Optimizer optimizer) {
        optimizer.step(network.parameters());
    }

    /** {@code 0, 1, ..., n-1}: the order of samples {@code fit} starts each run from. */
    public static int[] identityOrder(int n) {
        return Network.identity(n);
    }

    /**
     * Shuffles {@code order} in place exactly as {@code fit} does each epoch: with one {@code new Random(seed)}
     * per run of {@code fit}, shuffled once per epoch, a trainer visits the samples in {@code fit}'s order.
     */
    public static void shuffle(int[] order, Random random) {
        Network.shuffle(order, random);
    }
}

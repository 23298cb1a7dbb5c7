package dev.glia.core;

import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Network#fit} trains: loss, optimiser, epochs, batch size, shuffling and when to stop.
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.builder()
 *         .loss(Losses.softmaxCrossEntropy()).optimizer(Optimizers.adam(1e-3))
 *         .epochs(10).batchSize(128).seed(42).build();
 * }</pre>
 */
public final class TrainingOptions {
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final double targetLoss;
    private final Dataset validation;
    private final int patience;
    private final boolean restoreBestWeights;
    private final boolean validationAccuracy;
    private final List<TrainingListener> listeners;
    private final int truncatedBptt;

    private TrainingOptions(Builder b) {
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.targetLoss = b.targetLoss;
        this.validation = b.validation;
        this.patience = b.patience;
        this.restoreBestWeights = b.restoreBestWeights;
        this.validationAccuracy = b.validationAccuracy;
        this.listeners = List.copyOf(b.listeners);
        this.truncatedBptt = b.truncatedBptt;
    }

    /** A builder with defaults: MSE, SGD 0.01, 1 epoch, batch 32, shuffled, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The optimiser; the network that trains with it closes it when the network is closed. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The most epochs to run. */
    public int epochs() {
        return epochs;
    }

    /** Samples per mini-batch (the last batch of an epoch may be smaller). */
    public int batchSize() {
        return batchSize;
    }

    /** Whether samples are visited in a fresh seeded order each epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** Seed of the shuffling. */
    public long seed() {
        return seed;
    }

    /** Training stops after an epoch whose mean loss is at most this (default: never, -∞). */
    public double targetLoss() {
        return targetLoss;
    }

    /** Data to compute a validation loss on after each epoch, or null. */
    public Dataset validation() {
        return validation;
    }

    /**
     * Epochs without a lower validation loss after which training stops (early stopping); 0 when off, the
     * default.
     */
    public int patience() {
        return patience;
    }

    /**
     * Whether early stopping sets the weights back to those of the epoch with the lowest validation loss at
     * the end (default true). The copy stays on the backend.
     */
    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    /**
     * Whether each epoch also measures the classification accuracy on the validation data: the share of
     * samples whose largest output is at the column of their target's largest value (with one output: whether
     * output and target fall on the same side of 0.5). Default false.
     */
    public boolean validationAccuracy() {
        return validationAccuracy;
    }

    /** Listeners told about progress. */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /**
     * The time steps of a chunk in truncated backpropagation through time, or 0 when off (the default); see
     * {@link Builder#truncatedBptt(int)}.
     */
    public int truncatedBptt() {
        return truncatedBptt;
    }

    /** Builds {@link TrainingOptions}. */
    public static final class Builder {
        private Loss loss = Losses.mse();
        private Optimizer optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed;
        private double targetLoss = Double.NEGATIVE_INFINITY;
        private Dataset validation;
        private int patience;
        private boolean restoreBestWeights = true;
        private boolean validationAccuracy;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int truncatedBptt;

        private Builder() {}

        /** The loss to minimise. */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The optimiser. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** The most epochs to run (at least 1). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Samples per mini-batch (at least 1). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether to shuffle each epoch. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The shuffling seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Stop after an epoch whose mean training loss is at most {@code target}. */
        public Builder targetLoss(double target) {
            this.targetLoss = target;
            return this;
        }

        /** Compute a validation loss on {@code data} after each epoch. */
        public Builder validation(Dataset data) {
            this.validation = data;
            return this;
        }

        /**
         * Early stopping: stop once {@code patience} epochs in a row have not lowered the validation loss, and
         * (unless {@link #restoreBestWeights(boolean) restoreBestWeights(false)}) end with the weights of the
         * best epoch. Needs {@link #validation(Dataset)}.
         */
        public Builder earlyStopping(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** Whether early stopping ends with the best epoch's weights (default true). */
        public Builder restoreBestWeights(boolean restore) {
            this.restoreBestWeights = restore;
            return this;
        }

        /** Also measure the validation accuracy each epoch (see {@link TrainingOptions#validationAccuracy()}). */
        public Builder validationAccuracy(boolean measure) {
            this.validationAccuracy = measure;
            return this;
        }

        /**
         * Truncated backpropagation through time in chunks of {@code steps} time steps. The network takes
         * {@code steps} steps (its input is {@code [steps, ...]}) and each training sample holds a whole number of
         * chunks ({@code [m·steps, ...]}, its targets and mask as many steps). Each batch is trained chunk after
         * chunk, each chunk one forward pass, backward pass and update; every {@link dev.glia.api.StatefulLayer}
         * (a recurrent layer) is reset before a batch's first chunk and carries its final state, detached, into
         * the next chunk. Validation data of the same length is evaluated chunk after chunk the same way; data of
         * the network's own length as usual. Afterwards every stateful layer is reset.
         */
        public Builder truncatedBptt(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("truncatedBptt needs chunks of at least 1 time step, got " + steps);
            }
            this.truncatedBptt = steps;
            return this;
        }

        /** Adds a progress listener. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The options; without an optimiser, SGD with learning rate 0.01.
         *
         * @throws IllegalStateException for early stopping or validation accuracy without validation data
         */
        public TrainingOptions build() {
            if (validation == null && (patience > 0 || validationAccuracy)) {
                throw new IllegalStateException(
                        (patience > 0 ? "Early stopping watches" : "Validation accuracy is" + " measured on")
                                + " the validation data: give validation(data) too");
            }
            if (optimizer == null) {
                optimizer = Optimizers.sgd(0.01);
            }
            return new TrainingOptions(this);
        }
    }
}

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
    private final List<TrainingListener> listeners;

    private TrainingOptions(Builder b) {
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.targetLoss = b.targetLoss;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
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

    /** Listeners told about progress. */
    public List<TrainingListener> listeners() {
        return listeners;
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
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

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

        /** Adds a progress listener. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The options; without an optimiser, SGD with learning rate 0.01. */
        public TrainingOptions build() {
            if (optimizer == null) {
                optimizer = Optimizers.sgd(0.01);
            }
            return new TrainingOptions(this);
        }
    }
}

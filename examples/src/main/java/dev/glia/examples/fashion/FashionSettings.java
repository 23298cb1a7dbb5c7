package dev.glia.examples.fashion;

import java.util.List;

/**
 * How {@link FashionTraining} trains: the {@link FashionModel} (an MLP of {@code hidden} ReLU layers and a
 * softmax output, or the CNN of {@link FashionNetworks}), softmax cross-entropy, Adam.
 *
 * @param model          the network: the MLP or the CNN
 * @param hidden         units of each hidden layer of the MLP, e.g. 256, 128; empty for the CNN (fixed layers)
 * @param epochs         the most epochs
 * @param batchSize      samples per mini-batch
 * @param learningRate   Adam's learning rate
 * @param seed           seeds the weights, the validation split and the shuffling
 * @param patience       early stopping after this many epochs without a lower validation loss (0: off)
 * @param validationSize training images held out for validation; -1 for a tenth of the set, at most 5,000
 */
public record FashionSettings(
        FashionModel model,
        List<Integer> hidden,
        int epochs,
        int batchSize,
        double learningRate,
        long seed,
        int patience,
        int validationSize) {

    /**
     * The defaults of {@code glia fashion}: 784-256-128-10, 10 epochs, batches of 128, Adam 0.001, seed 42,
     * patience 3, a tenth held out for validation.
     */
    public static FashionSettings defaults() {
        return new FashionSettings(List.of(256, 128), 10, 128, 1e-3, 42, 3, -1);
    }

    /**
     * The defaults of {@code glia fashion --model cnn}: the CNN of {@link FashionNetworks}, at most 15 epochs,
     * batches of 128, Adam 0.001, seed 42, patience 3, a tenth held out for validation.
     */
    public static FashionSettings cnnDefaults() {
        return new FashionSettings(FashionModel.CNN, List.of(), 15, 128, 1e-3, 42, 3, -1);
    }

    /** Settings of the MLP with {@code hidden} layers. */
    public FashionSettings(
            List<Integer> hidden,
            int epochs,
            int batchSize,
            double learningRate,
            long seed,
            int patience,
            int validationSize) {
        this(FashionModel.MLP, hidden, epochs, batchSize, learningRate, seed, patience, validationSize);
    }

    /** Checks the values. */
    public FashionSettings {
        java.util.Objects.requireNonNull(model, "model");
        hidden = List.copyOf(hidden);
        require(
                model == FashionModel.MLP || hidden.isEmpty(),
                "The CNN has fixed layers; hidden widths are for the MLP, got " + hidden);
        if (hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("Hidden layers need at least 1 unit each, got " + hidden);
        }
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "batchSize must be at least 1, got " + batchSize);
        require(
                learningRate > 0 && Double.isFinite(learningRate),
                "learningRate must be a finite number greater than 0, got " + learningRate);
        require(patience >= 0, "patience must be 0 (off) or more, got " + patience);
        require(validationSize >= -1, "validationSize must be -1 (a tenth) or 0 or more, got " + validationSize);
    }

    /**
     * The validation size for a training set of {@code n} images: {@code validationSize}, or a tenth (at most
     * 5,000) when it is -1. Refused with a message when there are no training images, or when holding out
     * that many leaves none to train on.
     */
    public int validationSizeFor(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("There are no training images: the training set is empty, so there is"
                    + " nothing to train on; give a data set with training images");
        }
        int v = validationSize >= 0 ? validationSize : Math.min(5_000, n / 10);
        if (v >= n) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "Holding out %,d images for"
                            + " validation (--validation) leaves none of the %,d training images to train on; hold out"
                            + " fewer than %,d, or -1 for a tenth",
                    v,
                    n,
                    n));
        }
        return v;
    }

    /**
     * The layers, input to output, for square images of {@code side} pixels: {@code 784-256-128-10} for the
     * MLP (see {@link FashionNetworks#architecture}).
     */
    public String architecture(int side, int classes) {
        return FashionNetworks.architecture(this, side, classes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package dev.glia.examples.fashion;

import java.util.Locale;

/**
 * The networks {@code glia fashion --model} trains. Each has its own defaults; the options common to both
 * (batch size, learning rate, seed, patience, validation) mean the same for each.
 */
public enum FashionModel {
    /** A multilayer perceptron: the image as 784 values, ReLU hidden layers ({@code --hidden}), softmax output. */
    MLP(10),
    /**
     * A convolutional network on the image as {@code [1, 28, 28]}: conv 5x5x32 (ReLU) → max-pool 2x2 → conv
     * 5x5x64 (ReLU) → max-pool 2x2 → flatten → dense 128 (ReLU) → dense 10 (softmax).
     */
    CNN(15);

    private final int defaultEpochs;

    FashionModel(int defaultEpochs) {
        this.defaultEpochs = defaultEpochs;
    }

    /** The most epochs when {@code --epochs} is not given: 10 for the MLP, 15 for the CNN. */
    public int defaultEpochs() {
        return defaultEpochs;
    }

    /** The name on the command line and in reports: {@code mlp} or {@code cnn}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model that {@code id} names, case-sensitively; null when none does. */
    public static FashionModel byId(String id) {
        for (FashionModel m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }
}

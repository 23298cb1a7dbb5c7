package dev.glia.examples.fashion;

import dev.glia.core.eval.Evaluation;
import dev.glia.examples.options.OptionValues;
import dev.glia.examples.options.UsageError;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code glia fashion}'s network options, {@code --model}, {@code --hidden} and the sizes they imply
 * with {@code --batch-size}: each failure is a {@link UsageError} with one line naming the option, the value and
 * what to do, before anything is loaded or allocated.
 */
final class FashionOptionValues {
    private FashionOptionValues() {}

    /** The network that {@code --model} names: {@code mlp} or {@code cnn}. */
    static FashionModel model(String text) {
        FashionModel kind = FashionModel.byId(text);
        if (kind == null) {
            throw new UsageError("--model must be mlp or cnn, got " + OptionValues.shown(text));
        }
        return kind;
    }

    /**
     * Refuses a batch for which one of the CNN's tensors, the largest being the second convolution's unfolded
     * patches ({@link FashionNetworks#CNN_LARGEST_PER_IMAGE} values per image), would hold more elements than one
     * tensor can.
     */
    static void checkCnnTensorSizes(int batchSize) {
        long rows = Math.max(batchSize, Evaluation.BATCH_SIZE);
        long elements = rows * FashionNetworks.CNN_LARGEST_PER_IMAGE;
        if (elements > OptionValues.MAX_TENSOR_ELEMENTS) {
            throw new UsageError("--batch-size " + batchSize + ": the second convolution's unfolded patches (im2col)"
                    + " for a batch of " + OptionValues.grouped(rows) + " images, x "
                    + OptionValues.grouped(FashionNetworks.CNN_LARGEST_PER_IMAGE) + " values each, are "
                    + OptionValues.grouped(elements) + " elements; one tensor holds at most "
                    + OptionValues.grouped(OptionValues.MAX_TENSOR_ELEMENTS) + " (2^31-9); choose a batch of at most "
                    + OptionValues.grouped(OptionValues.MAX_TENSOR_ELEMENTS / FashionNetworks.CNN_LARGEST_PER_IMAGE));
        }
    }

    /**
     * The widths that {@code --hidden} lists: 1 to {@value FashionCommand#MAX_HIDDEN_LAYERS} whole numbers separated by single
     * commas, each at least 1, or {@code none} for no hidden layer.
     */
    static List<Integer> hiddenWidths(String text) {
        if (text.strip().equals("none")) {
            return List.of();
        }
        String example = "; give widths separated by single commas, e.g. 256,128, or none for no hidden layer";
        if (text.isBlank()) {
            throw new UsageError(
                    "--hidden must list the hidden layer widths, got " + OptionValues.shown(text) + example);
        }
        String[] items = text.split(",", -1);
        if (items.length > FashionCommand.MAX_HIDDEN_LAYERS) {
            throw new UsageError("--hidden must list at most " + FashionCommand.MAX_HIDDEN_LAYERS
                    + " hidden layers, got " + items.length);
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (items[i].isBlank()) {
                throw new UsageError(
                        "--hidden has an empty item (layer " + (i + 1) + ") in " + OptionValues.shown(text) + example);
            }
            widths.add(OptionValues.wholeNumber(
                    "--hidden (layer " + (i + 1) + ")", items[i].strip(), 1, (int) OptionValues.MAX_TENSOR_ELEMENTS));
        }
        return widths;
    }

    /**
     * Refuses a network whose weight tensor of a layer ({@code inputs x units}), or whose activations for one
     * batch ({@code rows x units}, the rows being the larger of the training batch and the evaluation batch),
     * would hold more elements than one tensor can: products in {@code long}, so nothing overflows.
     */
    static void checkTensorSizes(List<Integer> hidden, int batchSize, int inputs, int classes) {
        String limit =
                "; one tensor holds at most " + OptionValues.grouped(OptionValues.MAX_TENSOR_ELEMENTS) + " (2^31-9)";
        long rows = Math.max(batchSize, Evaluation.BATCH_SIZE);
        long in = inputs;
        for (int i = 0; i <= hidden.size(); i++) {
            boolean output = i == hidden.size();
            long units = output ? classes : hidden.get(i);
            String layer = (output ? "the output layer" : "hidden layer " + (i + 1)) + " (Dense #" + (i + 1) + ")";
            long weights = in * units;
            if (weights > OptionValues.MAX_TENSOR_ELEMENTS) {
                throw new UsageError("--hidden: the weights of " + layer + ", " + OptionValues.grouped(in)
                        + " inputs x " + OptionValues.grouped(units) + " units, are " + OptionValues.grouped(weights)
                        + " elements" + limit + "; choose narrower layers");
            }
            long activations = rows * units;
            if (activations > OptionValues.MAX_TENSOR_ELEMENTS) {
                boolean batchToBlame = batchSize > Evaluation.BATCH_SIZE;
                throw new UsageError((batchToBlame ? "--batch-size " + batchSize : "--hidden") + ": the outputs of "
                        + layer + " for a batch of " + OptionValues.grouped(rows) + " images, x "
                        + OptionValues.grouped(units) + " units, are " + OptionValues.grouped(activations)
                        + " elements" + limit
                        + (batchToBlame
                                ? "; choose a smaller batch or narrower layers"
                                : " (evaluation runs batches of " + Evaluation.BATCH_SIZE
                                        + "); choose narrower layers"));
            }
            in = units;
        }
    }
}

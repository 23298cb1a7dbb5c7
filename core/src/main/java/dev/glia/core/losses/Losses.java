package dev.glia.core.losses;

import dev.glia.api.Loss;
import dev.glia.api.Tensor;
import java.util.List;

/**
 * The built-in losses. Those with a fused form ({@link dev.glia.api.FusedLoss}) are computed from the
 * last layer's logits when that layer's activation matches, which is the numerically stable way.
 */
public final class Losses {
    private Losses() {}

    /** Mean squared error over every element. */
    public static Loss mse() {
        return new MeanSquaredError();
    }

    /** Binary cross-entropy over every element; fused with a sigmoid output. */
    public static Loss binaryCrossEntropy() {
        return new BinaryCrossEntropy();
    }

    /**
     * Cross-entropy over the rows of the last axis (each time step of a {@code [N, T, V]} output); targets are
     * probability rows (one-hot or soft) or one class id per row; fused with a softmax output. A
     * {@link MaskableLoss}: steps without a target (a dataset's mask) are left out of the mean.
     */
    public static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /** Every built-in loss. */
    public static List<Loss> builtIns() {
        return List.of(mse(), binaryCrossEntropy(), softmaxCrossEntropy());
    }

    /** The built-in loss with this id; an unknown id fails with the ids present. */
    public static Loss byId(String id) {
        for (Loss l : builtIns()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "Unknown loss '" + id + "'. Available: mse, binary_cross_entropy," + " softmax_cross_entropy");
    }

    static void checkSameShape(Loss loss, Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException(loss.id() + ": the prediction has shape " + prediction.shape()
                    + " but the target has shape " + target.shape() + "; they must match");
        }
    }
}

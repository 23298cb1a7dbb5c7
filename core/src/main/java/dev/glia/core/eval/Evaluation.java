package dev.glia.core.eval;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.data.OneHot;

/**
 * Classifies with a trained network and measures how well it did. Works on any network and backend: the
 * argmax of each output row is computed on the backend, so only one number per sample comes back to the
 * host. A network with a single output is read as a binary classifier (class 1 when the output is at least
 * 0.5).
 *
 * <pre>{@code
 * ConfusionMatrix m = Evaluation.confusionMatrix(network, testSet);   // targets one-hot
 * System.out.printf("accuracy %.2f%%%n", 100 * m.accuracy());
 * }</pre>
 */
public final class Evaluation {
    /** Samples per forward pass. */
    public static final int BATCH_SIZE = 256;

    private Evaluation() {}

    /** The predicted class of every sample of {@code data} (its targets are ignored). */
    public static int[] predictClasses(Network network, Dataset data) {
        if (data.featureWidth() != network.inputWidth()) {
            throw new IllegalArgumentException("The network expects " + network.inputWidth()
                    + " inputs per sample, but the data has " + data.featureWidth());
        }
        int n = data.size();
        int in = data.featureWidth();
        int out = network.outputWidth();
        Backend backend = network.backend();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] classes = new int[n];
        int batch = Math.min(BATCH_SIZE, n);
        Tensor x = null;
        Tensor index = null;
        try {
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                if (x == null || x.shape().dim(0) != count) {
                    close(x, index);
                    x = backend.allocate(network.inputShape().batchOf(count), network.dtype());
                    index = backend.allocate(Shape.of(count), network.dtype());
                }
                float[] host = new float[count * in];
                data.copyFeatures(order, from, count, host);
                backend.write(x, host);
                Tensor y = network.forward(x);
                float[] result = new float[count];
                if (out == 1) {
                    backend.download(y, result);
                } else {
                    backend.argmax(y, 1, index);
                    backend.download(index, result);
                }
                for (int i = 0; i < count; i++) {
                    classes[from + i] = out == 1 ? (result[i] >= 0.5f ? 1 : 0) : (int) result[i];
                }
            }
        } finally {
            close(x, index);
        }
        return classes;
    }

    private static void close(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
    }

    /**
     * The true class of every sample of {@code data}: the column of the largest target value (one-hot
     * targets), or for one target column whether it is at least 0.5.
     */
    public static int[] trueClasses(Dataset data) {
        int n = data.size();
        int width = data.targetWidth();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] targets = new float[n * width];
        data.copyTargets(order, 0, n, targets);
        if (width == 1) {
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = targets[i] >= 0.5f ? 1 : 0;
            }
            return classes;
        }
        return OneHot.decode(targets, width);
    }

    /** The confusion matrix of the network's predictions on {@code data} against its targets. */
    public static ConfusionMatrix confusionMatrix(Network network, Dataset data) {
        int classes = Math.max(2, data.targetWidth());
        if (data.targetWidth() > 1 && data.targetWidth() != network.outputWidth()) {
            throw new IllegalArgumentException("The data has " + data.targetWidth() + " classes but the network "
                    + network.outputWidth() + " outputs");
        }
        return ConfusionMatrix.of(classes, trueClasses(data), predictClasses(network, data));
    }

    /** The share of samples of {@code data} the network classifies correctly. */
    public static double accuracy(Network network, Dataset data) {
        return confusionMatrix(network, data).accuracy();
    }
}

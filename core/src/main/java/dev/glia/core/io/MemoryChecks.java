package dev.glia.core.io;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.spi.OpChecks;

/**
 * Checks a described network against memory before a byte of its weights is read: each tensor against the
 * largest the backend can give ({@link Backend#maxTensorBytes()}), and the Java heap that reading needs. Loading
 * stages the weights as {@code double[]} on the heap and the network builder copies them once, so the weights
 * take 16 bytes per value of heap until the network is built; more than the heap's maximum is refused at once
 * rather than ending in an {@link OutOfMemoryError}.
 */
final class MemoryChecks {
    /** Heap bytes per weight while loading: a {@code double[]} read from the file and the builder's copy. */
    static final long STAGING_BYTES_PER_VALUE = 16;

    private MemoryChecks() {}

    /** Throws a {@link ModelFileException} naming the tensor, or the file, that does not fit. */
    static void check(ModelDescription d, Safetensors.Header header, DType dtype, Backend backend, String file) {
        long heap = Runtime.getRuntime().maxMemory();
        long values = 0;
        for (int i = 0; i < d.layers().size(); i++) {
            LayerDescription l = d.layers().get(i);
            for (String tensor : l.tensors().values()) {
                values += fits(header.tensor(tensor), "layer " + (i + 1) + " (" + l.name() + ")", dtype, backend, file);
            }
        }
        long staging = values * STAGING_BYTES_PER_VALUE;
        if (staging > heap) {
            throw new ModelFileException("Model file " + file + " holds " + values + " weights; loading them takes "
                    + TensorAllocationException.size(staging) + " of Java heap, more than its maximum of "
                    + TensorAllocationException.size(heap) + "; raise -Xmx (for ./glia: GLIA_JAVA_OPTS=-Xmx"
                    + suggestedGiB(staging) + "g)");
        }
    }

    /** Checks one tensor of {@code layer} against the backend's largest tensor; returns its element count. */
    private static long fits(TensorEntry t, String layer, DType dtype, Backend backend, String file) {
        Shape shape;
        try {
            shape = Shape.of(t.shape());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    "Model file " + file + ": tensor '" + t.name() + "' of " + layer
                            + " has shape " + java.util.Arrays.toString(t.shape()) + ", which no layer takes ("
                            + e.getMessage() + ")",
                    e);
        }
        try {
            OpChecks.fits(backend, shape, dtype, "tensor '" + t.name() + "' of " + layer, OpChecks.MEMORY_ADVICE);
        } catch (TensorAllocationException e) {
            throw new ModelFileException("Model file " + file + ": " + e.getMessage(), e);
        }
        return shape.size();
    }

    /** A heap size in whole GiB comfortably above {@code bytes}. */
    static long suggestedGiB(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.5 / (1L << 30)));
    }
}

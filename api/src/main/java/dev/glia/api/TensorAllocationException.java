package dev.glia.api;

import java.util.Locale;

/**
 * A tensor that a backend cannot allocate: larger than {@link Backend#maxTensorBytes()} (the largest
 * allocation the backend could ever satisfy), or refused by the memory itself (the Java heap, native memory or
 * the device is full). Every backend reports both cases with this one type, from {@link Backend#allocate} and
 * {@link Backend#upload(float[], Shape)}, never with an {@link OutOfMemoryError}. The message is one line
 * naming the shape, dtype, bytes, the limit and what to do; the backend is still usable afterwards.
 */
public final class TensorAllocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Shape shape;
    private final DType dtype;
    private final long bytes;
    private final long limit;

    /**
     * An exception with this message about a tensor of {@code shape} and {@code dtype} taking {@code bytes},
     * where {@code limit} is the largest allocation the backend could give ({@link Long#MAX_VALUE} if unknown).
     */
    public TensorAllocationException(
            String message, Shape shape, DType dtype, long bytes, long limit, Throwable cause) {
        super(message, cause);
        this.shape = shape;
        this.dtype = dtype;
        this.bytes = bytes;
        this.limit = limit;
    }

    /** The shape that could not be allocated. */
    public Shape shape() {
        return shape;
    }

    /** Its element type. */
    public DType dtype() {
        return dtype;
    }

    /** The bytes it needs: elements times {@link DType#bytes()}. */
    public long bytes() {
        return bytes;
    }

    /** The largest allocation the backend could ever give, in bytes; {@link Long#MAX_VALUE} when it has no known cap. */
    public long limit() {
        return limit;
    }

    /** {@code bytes} as a readable size with the exact count, e.g. {@code 7.3 GiB (7840000000 bytes)}. */
    public static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "unbounded";
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s (%d bytes)", v, units[u], bytes);
    }
}

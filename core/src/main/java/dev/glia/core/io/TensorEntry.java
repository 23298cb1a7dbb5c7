package dev.glia.core.io;

import java.util.Arrays;

/**
 * One tensor of a safetensors header (internal to this package): its name, element type ({@code F32} or {@code F64}), shape, and the
 * byte range {@code [begin, end)} of its data, counted from the start of the data section.
 *
 * @param name  the tensor's name, e.g. {@code layers.0.weight}
 * @param dtype {@code F32} or {@code F64}
 * @param shape the dimensions (a copy is kept)
 * @param begin first byte of the data, relative to the data section
 * @param end   one past the last byte
 */
@SuppressWarnings("ArrayRecordComponent") // the shape is copied in, and equals/hashCode below compare it by content
record TensorEntry(String name, String dtype, int[] shape, long begin, long end) {
    /** Copies the shape. */
    public TensorEntry {
        shape = shape.clone();
    }

    /** A copy of the dimensions. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements (the product of the dimensions). */
    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes per element of {@link #dtype}. */
    public int elementBytes() {
        return "F64".equals(dtype) ? 8 : 4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry t
                && name.equals(t.name)
                && dtype.equals(t.dtype)
                && Arrays.equals(shape, t.shape)
                && begin == t.begin
                && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " bytes [" + begin + ", " + end + ")";
    }
}

package dev.glia.backend.nd4j.internal;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A native float buffer for BLAS that grows on demand and is freed by {@link #free}, never by the garbage
 * collector: its owner frees it as the backend closes. Belongs to one thread at a time.
 */
final class NativeFloats {
    private FloatPointer pointer;
    /** The buffer's native address, 0 when none is held. */
    long address;

    /** At least {@code size} floats (the buffer kept when large enough, its contents then unchanged). */
    FloatBuffer floats(long size) {
        if (pointer == null || pointer.capacity() < size) {
            free();
            pointer = new FloatPointer(size);
            address = pointer.address();
        }
        return pointer.asBuffer();
    }

    void free() {
        if (pointer != null) {
            pointer.deallocate();
            pointer = null;
            address = 0;
        }
    }
}

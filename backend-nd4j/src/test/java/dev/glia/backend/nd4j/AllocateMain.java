package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.spi.BackendOptions;

/**
 * Run in a child JVM with a small heap by {@link NativeMemoryCapTest}: allocates tensors of
 * {@code args[0]} MiB until the allocation fails, then prints {@code failed=<message>} and what is live.
 */
public final class AllocateMain {
    private AllocateMain() {}

    /** See the class description. */
    public static void main(String[] args) {
        int mib = Integer.parseInt(args[0]);
        try (Backend backend = new Nd4jBackendProvider().create(BackendOptions.defaults())) {
            for (int i = 0; i < 64; i++) {
                try {
                    backend.allocate(Shape.of(mib, 256, 1024), DType.FLOAT32);
                } catch (TensorAllocationException e) {
                    System.out.println("failed=" + e.getMessage());
                    System.out.println("live=" + backend.liveTensors());
                    break;
                }
            }
            try (Tensor small = backend.allocate(Shape.of(4), DType.FLOAT32)) {
                System.out.println("still usable=" + small.toFloatArray().length);
            }
        }
    }
}

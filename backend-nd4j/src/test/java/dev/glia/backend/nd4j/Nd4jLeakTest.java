package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.LeakSuite;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Native memory is given back: the leak suite (training, prediction, evaluation and model files keep live tensors and
 * bytes flat), and a tensor's native memory is freed when it is closed, not when the collector runs.
 */
class Nd4jLeakTest extends LeakSuite {

    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }

    /**
     * 4 GiB of 16 MiB tensors allocated and closed one after the other, with the JVM's collector never asked:
     * if closing did not free the native memory at once, the process would grow by gigabytes.
     */
    @Test
    void closingATensorFreesItsNativeMemoryAtOnce() {
        try (Backend backend = new Nd4jBackendProvider().create(BackendOptions.defaults())) {
            Shape shape = Shape.of(2048, 2048);
            float[] ones = new float[shape.size()];
            Arrays.fill(ones, 1f); // written into every tensor, so that every page is touched
            for (int i = 0; i < 8; i++) { // warm up the allocator
                backend.allocate(shape, DType.FLOAT32).close();
            }
            long before = Pointer.physicalBytes();
            for (int i = 0; i < 256; i++) {
                try (Tensor t = backend.allocate(shape, DType.FLOAT32)) {
                    backend.write(t, ones);
                }
            }
            long grown = Pointer.physicalBytes() - before;
            assertTrue(grown < 512L << 20, "the process grew by " + (grown >> 20) + " MiB over 4 GiB of tensors");
            assertEquals(0, backend.liveTensors());
        }
    }
}

package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.TensorAllocationException;
import dev.glia.testkit.ForwardingBackend;
import dev.glia.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A layer too large for the backend fails before anything is allocated, naming the layer and its shape. */
class NetworkBuilderLimitsTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @AfterEach
    void noLeaks() {
        assertEquals(0, backend.liveTensors(), "the layers built before the failure were closed");
        backend.close();
    }

    private Backend capped(long cap) {
        return new ForwardingBackend(backend) {
            @Override
            public long maxTensorBytes() {
                return cap;
            }
        };
    }

    @Test
    void aLayerOverTheBackendsLimitIsNamedWithItsShape() {
        // Dense #1 is 784 x 100 floats (313,600 bytes, fits); Dense #2 is 100 x 1000 (400,000 bytes, does not)
        TensorAllocationException e = assertThrows(
                TensorAllocationException.class,
                () -> Network.builder(capped(400_000 - 1))
                        .input(784)
                        .dense(100, "relu")
                        .dense(1000, "relu")
                        .dense(10, "softmax")
                        .build());
        assertEquals(
                "Cannot allocate Dense #2's weight [100, 1000] FLOAT32 of 390.6 KiB (400000 bytes) on the"
                        + " reference backend: the largest tensor it can give is 390.6 KiB (399999 bytes); use a smaller model,"
                        + " or give the backend more memory (for the Java heap: -Xmx, e.g. GLIA_JAVA_OPTS=-Xmx16g for ./glia)",
                e.getMessage());
        assertEquals(Shape.of(100, 1000), e.shape());
        assertEquals(DType.FLOAT32, e.dtype());
        assertEquals(400_000, e.bytes());
        assertEquals(399_999, e.limit());
        try (Network net = Network.builder(capped(400_000))
                .input(784)
                .dense(100, "relu")
                .dense(1000, "relu")
                .build()) {
            assertEquals(2, net.layers().size(), "exactly at the limit builds");
        }
    }

    @Test
    void hiddenLayersOfTheCommandLinesHostileSizesFailCleanly() {
        // glia fashion --hidden 2500000: 784 x 2,500,000 floats are 7.84 GB
        assumeTrue(backend.maxTensorBytes() < 7_840_000_000L, "this JVM's heap could hold 7.84 GB");
        TensorAllocationException e = assertThrows(
                TensorAllocationException.class,
                () -> Network.builder(backend)
                        .input(784)
                        .dense(2_500_000, "relu")
                        .dense(10, "softmax")
                        .build());
        assertTrue(
                e.getMessage()
                        .startsWith("Cannot allocate Dense #1's weight [784, 2500000] FLOAT32 of 7.3 GiB"
                                + " (7840000000 bytes) on the reference backend: the largest tensor it can give is "),
                e.getMessage());
        // --hidden 3000000: more values than any tensor holds
        IllegalArgumentException tooMany = assertThrows(
                IllegalArgumentException.class,
                () -> Network.builder(backend)
                        .input(784)
                        .dense(3_000_000, "relu")
                        .build());
        assertEquals(
                "Dense #1 would have 784 x 3000000 = 2352000000 weights, more than a tensor holds (2^31 - 9);"
                        + " use fewer units",
                tooMany.getMessage());
    }

    @Test
    void initialWeightsThatDoNotFitTheHeapAreRefusedBeforeDrawingThem() {
        // the backend claims no cap; the float64 draw of 784 x 2,000,000 weights (12.5 GB) must still fit the heap
        assumeTrue(Runtime.getRuntime().maxMemory() < 12_544_000_000L, "this JVM's heap could hold 12.5 GB");
        TensorAllocationException e = assertThrows(
                TensorAllocationException.class,
                () -> Network.builder(capped(Long.MAX_VALUE))
                        .input(784)
                        .dense(2_000_000, "relu")
                        .build());
        assertTrue(
                e.getMessage()
                        .startsWith("Dense #1's weight [784, 2000000]: its initial values are drawn as float64 on the"
                                + " Java heap, 11.7 GiB (12544000000 bytes), more than the heap's maximum of "),
                e.getMessage());
    }
}

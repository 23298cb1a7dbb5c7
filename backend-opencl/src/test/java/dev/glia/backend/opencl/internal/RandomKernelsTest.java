package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.Philox;
import dev.glia.backend.opencl.OpenClTestSupport;
import dev.glia.backend.opencl.RequiresOpenCl;
import org.junit.jupiter.api.Test;

/**
 * {@code random.cl}'s float-only arithmetic, the path a device without {@code cl_khr_fp64} takes (the conformance
 * kit covers the double path wherever the device has fp64): the device is described as fp64-less, so FLOAT32
 * fills are computed in float, and compared with {@link Philox}'s definition.
 */
@RequiresOpenCl
class RandomKernelsTest {
    @Test
    void theFloatOnlyPathAgreesWithTheDefinitionWithinFloatRounding() {
        DeviceInfo d;
        try (OpenClBackend probe = OpenClTestSupport.newBackend()) {
            d = probe.device();
        }
        DeviceInfo floatOnly = new DeviceInfo(
                d.platformIndex(),
                d.deviceIndex(),
                d.platformName(),
                d.platformVersion(),
                d.name(),
                d.version(),
                d.kind(),
                false,
                d.computeUnits(),
                d.globalMemory(),
                d.maxAllocation(),
                d.localMemory(),
                d.maxWorkGroupSize(),
                d.platform(),
                d.device());
        int n = 1 << 16;
        try (OpenClBackend backend = new OpenClBackend(floatOnly, null, null);
                Tensor t = backend.allocate(Shape.of(n + 3), DType.FLOAT32)) {
            assertTrue(!backend.supports(DType.FLOAT64));
            float[] expected = new float[n + 3];
            for (long[] stream : new long[][] {{0, 0}, {-7, 0xFFFF_FFFFL}, {Long.MIN_VALUE, Long.MAX_VALUE - 20_000}}) {
                backend.randomUniform(t, stream[0], stream[1], -3, 5);
                Philox.uniform(stream[0], stream[1], -3, 5, expected);
                float[] actual = t.toFloatArray();
                for (int i = 0; i < actual.length; i++) {
                    // u has 24 bits instead of 32: off by at most 8 * 2^-25 plus the result's rounding
                    assertEquals(expected[i], actual[i], 8 * 0x1p-25 + 2 * Math.ulp(expected[i]), "uniform " + i);
                    assertTrue(actual[i] >= -3 && actual[i] <= 5);
                }
                backend.randomNormal(t, stream[0], stream[1], 1, 2);
                Philox.normal(stream[0], stream[1], 1, 2, expected);
                actual = t.toFloatArray();
                for (int i = 0; i < actual.length; i++) {
                    // the conformance kit's FLOAT32 tolerance, 1e-5 relative to max(|expected|, 1)
                    assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "normal " + i);
                }
            }
        }
    }
}

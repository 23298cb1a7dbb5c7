package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.backend.opencl.OpenClTestSupport;
import dev.glia.backend.opencl.RequiresOpenCl;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.junit.jupiter.api.Test;

/** A kernel that fails to build reports the build log and the source, and leaves the context usable. */
@RequiresOpenCl
class KernelBuildTest {
    @Test
    void buildFailureCarriesTheLogAndTheSource() {
        DeviceInfo device = OpenClRuntime.select(OpenClTestSupport.options().get(DeviceSelector.OPTION, "any"));
        try (ClContext cl = new ClContext(device)) {
            String bad = "__kernel void broken(__global float* out) {\n    out[0] = undefined_name + 1;\n}\n";
            KernelBuildException e =
                    assertThrows(KernelBuildException.class, () -> cl.build("broken.cl", bad, "-DX=1"));
            assertTrue(e.buildLog().contains("undefined_name"), "the build log names the error: " + e.buildLog());
            assertEquals(bad, e.source());
            assertEquals("-DX=1", e.options());
            assertTrue(
                    e.getMessage().contains("--- build log ---")
                            && e.getMessage().contains("   2|     out[0] = " + "undefined_name + 1;"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("broken.cl on " + device.name()), e.getMessage());
            assertEquals(2, cl.openObjects(), "the failed program was released");

            cl_program good = cl.build("good.cl", "__kernel void fine(__global float* out) { out[0] = 1; }", "");
            cl_kernel k = cl.kernel(good, "fine");
            assertNotNull(k);
            assertEquals(4, cl.openObjects());
            cl.release(k);
            cl.release(good);
        }
    }

    @Test
    void closingTheContextReleasesQueueAndContext() {
        DeviceInfo device = OpenClRuntime.select(OpenClTestSupport.options().get(DeviceSelector.OPTION, "any"));
        ClContext cl = new ClContext(device);
        assertEquals(2, cl.openObjects());
        cl.close();
        assertEquals(0, cl.openObjects());
        cl.close();
        assertThrows(IllegalStateException.class, () -> cl.zeroBuffer(16));
    }
}

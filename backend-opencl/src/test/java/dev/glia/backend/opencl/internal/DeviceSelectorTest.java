package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device choice by {@code glia.opencl.device}, the install hints and the gemm knobs; needs no device. */
class DeviceSelectorTest {
    private static DeviceInfo device(int p, int d, String name, DeviceInfo.Kind kind) {
        return new DeviceInfo(
                p,
                d,
                "Platform " + p,
                "OpenCL 3.0 test",
                name,
                "OpenCL 1.2 test",
                kind,
                true,
                4,
                1L << 30,
                1L << 28,
                65536,
                1024,
                null,
                null);
    }

    private static final DeviceInfo CPU = device(0, 0, "pocl-cpu", DeviceInfo.Kind.CPU);
    private static final DeviceInfo GPU = device(1, 0, "big-gpu", DeviceInfo.Kind.GPU);
    private static final DeviceInfo GPU2 = device(1, 1, "small-gpu", DeviceInfo.Kind.GPU);
    private static final List<DeviceInfo> ALL = List.of(CPU, GPU, GPU2);

    @Test
    void anyPrefersTheFirstGpuThenTakesTheFirstDevice() {
        assertEquals(GPU, DeviceSelector.select("any", ALL));
        assertEquals(GPU, DeviceSelector.select(null, ALL));
        assertEquals(CPU, DeviceSelector.select("ANY", List.of(CPU)));
    }

    @Test
    void byKindAndByIndex() {
        assertEquals(CPU, DeviceSelector.select("cpu", ALL));
        assertEquals(GPU, DeviceSelector.select(" gpu ", ALL));
        assertEquals(GPU2, DeviceSelector.select("1:1", ALL));
        assertEquals(CPU, DeviceSelector.select("0:0", ALL));
    }

    @Test
    void failuresListTheDevices() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select("gpu", List.of(CPU)));
        assertTrue(
                e.getMessage().contains("no OpenCL GPU device")
                        && e.getMessage().contains("0:0 \"pocl-cpu\" (CPU)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select("2:0", ALL));
        assertTrue(
                e.getMessage().contains("names no device") && e.getMessage().contains("1:1 \"small-gpu\""),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select("fastest", ALL));
        assertTrue(e.getMessage().contains("must be gpu, cpu, any or PLATFORM:DEVICE"), e.getMessage());
    }

    @Test
    void descriptionNamesPlatformDeviceAndVersion() {
        String d = GPU.describe();
        assertTrue(
                d.startsWith("OpenCL 1.2, platform 1 \"Platform 1\", device 1:0 \"big-gpu\" (GPU, 4 compute units"), d);
        assertEquals(12, GPU.versionNumber());
    }

    @Test
    void aMissingLibraryNamesWhatToInstall() {
        String r = OpenClRuntime.linkageReason(new UnsatisfiedLinkError("Could not initialize native OpenCL library"));
        assertTrue(r.contains("libOpenCL.so") && r.contains("apt-get install ocl-icd-opencl-dev pocl-opencl-icd"), r);
        r = OpenClRuntime.linkageReason(new NoClassDefFoundError("org/jocl/CL"));
        assertTrue(r.startsWith("JOCL (org.jocl:jocl) is missing"), r);
    }

    @Test
    void gemmParametersParseValidateAndRender() {
        GemmParameters p = GemmParameters.defaults(DeviceInfo.Kind.GPU, DType.FLOAT32, false, false)
                .with("mwg=64, NWG=32;KWG=8 VWN=2");
        assertEquals(64, p.mwg());
        assertEquals(32, p.nwg());
        assertTrue(p.buildOptions().startsWith("-DMWG=64 -DNWG=32 -DKWG=8 -DMDIMC=16"), p.buildOptions());
        assertThrows(IllegalArgumentException.class, () -> p.with("VWN=3"));
        assertThrows(IllegalArgumentException.class, () -> p.with("KWI=3"));
        assertThrows(IllegalArgumentException.class, () -> p.with("MWG"));
        assertThrows(IllegalArgumentException.class, () -> p.with("MWG=x"));
        DeviceInfo tiny = new DeviceInfo(
                0,
                0,
                "p",
                "v",
                "tiny",
                "OpenCL 1.2",
                DeviceInfo.Kind.GPU,
                false,
                1,
                1L << 20,
                1L << 20,
                1024,
                64,
                null,
                null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> p.checkFits(tiny, DType.FLOAT32));
        assertTrue(e.getMessage().contains("work-groups of 256"), e.getMessage());
        for (DeviceInfo.Kind kind : DeviceInfo.Kind.values()) {
            for (DType t : DType.values()) {
                for (int i = 0; i < 4; i++) {
                    GemmParameters d = GemmParameters.defaults(kind, t, i / 2 == 1, i % 2 == 1);
                    assertTrue(d.localBytes(t) <= 48 * 1024, d + " fits 48 KiB of local memory");
                    assertTrue(d.workGroupSize() <= 256, d + " fits work-groups of 256");
                }
            }
        }
    }
}

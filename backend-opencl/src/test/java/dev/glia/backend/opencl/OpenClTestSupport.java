package dev.glia.backend.opencl;

import dev.glia.api.DType;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.opencl.internal.DeviceInfo;
import dev.glia.backend.opencl.internal.OpenClBackend;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gates the OpenCL tests: where no OpenCL device is found they are skipped with the probe's reason,
 * visibly (test classes carry {@link RequiresOpenCl}; single tests call {@link #assumeOpenCl()}; both
 * print a notice on stderr), unless {@code -Dglia.opencl.required=true} turns the skip into a failure,
 * as CI does.
 */
public final class OpenClTestSupport {
    /** The system property CI sets. */
    public static final String REQUIRED = "glia.opencl.required";

    private static volatile Availability availability;

    private OpenClTestSupport() {}

    /** The options the tests create backends with: any device (a GPU first, else PoCL's CPU device). */
    public static BackendOptions options() {
        String device = System.getProperty("glia.opencl.device", "any");
        return BackendOptions.of(Map.of(OpenClBackendProvider.DEVICE_OPTION, device));
    }

    /** Why no OpenCL device is usable, or null when one is. */
    public static String unavailableReason() {
        Availability a = availability;
        if (a == null) {
            a = new OpenClBackendProvider().probe(options());
            availability = a;
        }
        return a.available() ? null : a.detail();
    }

    /** Skips (or, when required, fails) the calling test unless an OpenCL device is available. */
    public static void assumeOpenCl() {
        String reason = unavailableReason();
        if (reason == null) {
            return;
        }
        String message = "OpenCL tests skipped: " + reason;
        if (Boolean.getBoolean(REQUIRED)) {
            Assertions.fail(REQUIRED + "=true but no OpenCL device is usable: " + reason);
        }
        System.err.println("NOTICE: " + message + " (set -D" + REQUIRED + "=true to make this a failure)");
        Assumptions.abort(message);
    }

    /** A new backend on the test device; call {@link #assumeOpenCl()} first. */
    public static OpenClBackend newBackend() {
        return (OpenClBackend) new OpenClBackendProvider().create(options());
    }

    /** Skips the calling test, with a notice, unless the device supports FLOAT64 (never a failure: fp64 is optional). */
    public static void assumeFloat64(OpenClBackend backend) {
        if (!backend.supports(DType.FLOAT64)) {
            DeviceInfo d = backend.device();
            String message = "FLOAT64 checks skipped: " + d.name() + " has no cl_khr_fp64";
            System.err.println("NOTICE: " + message);
            Assumptions.abort(message);
        }
    }
}

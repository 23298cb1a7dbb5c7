package dev.glia.backend.opencl.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * What Glia needs to know about one OpenCL device, read once when the platforms are listed.
 *
 * @param platformIndex    the platform's position in {@code clGetPlatformIDs}
 * @param deviceIndex      the device's position within its platform
 * @param platformName     e.g. {@code Portable Computing Language}
 * @param platformVersion  e.g. {@code OpenCL 3.0 PoCL 3.1+debian ...}
 * @param name             the device name
 * @param version          the device's {@code CL_DEVICE_VERSION}, e.g. {@code OpenCL 3.0 CUDA}
 * @param kind             GPU, CPU, accelerator or other
 * @param fp64             whether the device supports {@code cl_khr_fp64} (FLOAT64 tensors)
 * @param computeUnits     {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param globalMemory     bytes of global memory
 * @param maxAllocation    the largest buffer in bytes
 * @param localMemory      bytes of local memory per work-group
 * @param maxWorkGroupSize the largest work-group
 * @param platform         the JOCL handle (null in tests)
 * @param device           the JOCL handle (null in tests)
 */
public record DeviceInfo(
        int platformIndex,
        int deviceIndex,
        String platformName,
        String platformVersion,
        String name,
        String version,
        Kind kind,
        boolean fp64,
        int computeUnits,
        long globalMemory,
        long maxAllocation,
        long localMemory,
        long maxWorkGroupSize,
        cl_platform_id platform,
        cl_device_id device) {

    /** The device type, as far as backend selection cares. */
    public enum Kind {
        /** A graphics processor: {@code auto} may pick it. */
        GPU,
        /** A CPU device such as PoCL's: used only when asked for by name. */
        CPU,
        /** An accelerator (FPGA, DSP …): used only when asked for by name. */
        ACCELERATOR,
        /** Anything else. */
        OTHER;

        /** Lower-case name for messages. */
        public String label() {
            return this == GPU || this == CPU ? name() : name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern CL_VERSION = Pattern.compile("OpenCL (\\d+)\\.(\\d+)");

    /** {@code PLATFORM:DEVICE}, the form {@code glia.opencl.device} accepts. */
    public String index() {
        return platformIndex + ":" + deviceIndex;
    }

    /** The OpenCL version the device reports, e.g. {@code OpenCL 3.0}. */
    public String openClVersion() {
        Matcher m = CL_VERSION.matcher(version);
        return m.find() ? m.group() : version;
    }

    /** The major and minor OpenCL version as {@code 10 * major + minor}, e.g. 30; 12 when unreadable. */
    public int versionNumber() {
        Matcher m = CL_VERSION.matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2)) : 12;
    }

    /**
     * One line naming the platform, the device and its OpenCL version, e.g.
     * {@code OpenCL 3.0, platform 0 "NVIDIA CUDA", device 0:0 "NVIDIA H200" (GPU, 132 compute units, 140.4 GiB, fp64)}.
     */
    public String describe() {
        return openClVersion() + ", platform " + platformIndex + " \"" + platformName + "\", device " + index() + " \""
                + name + "\" (" + kind.label() + ", " + computeUnits + " compute units, "
                + String.format(Locale.ROOT, "%.1f GiB", globalMemory / (1024.0 * 1024 * 1024))
                + (fp64 ? ", fp64" : ", no fp64") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}

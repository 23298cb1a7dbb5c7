package dev.glia.backend.opencl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds the OpenCL platforms and devices through JOCL, turning every way this can fail (JOCL missing,
 * no {@code libOpenCL.so}, no platform, no device) into an {@link OpenClUnavailableException} whose
 * message says what is missing and what to install. On Linux {@link OpenClLibrary} first loads
 * {@code libOpenCL.so} itself, so a machine without OpenCL never reaches JOCL's native loader (which
 * would print its own line on standard error). The JVM stays usable: a {@link LinkageError} from
 * loading the native library is caught and remembered, because JOCL cannot retry it.
 */
public final class OpenClRuntime {
    /** What to install, appended to every reason. */
    static final String INSTALL_HINT = "install an OpenCL driver and the ICD loader: on Debian/Ubuntu "
            + "'apt-get install ocl-icd-opencl-dev pocl-opencl-icd' (PoCL, a CPU device), or your GPU vendor's OpenCL "
            + "driver plus ocl-icd-opencl-dev (JOCL loads 'libOpenCL.so')";

    private static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;
    private static final long TYPE_GPU = CL.CL_DEVICE_TYPE_GPU;
    private static final long TYPE_CPU = CL.CL_DEVICE_TYPE_CPU;
    private static final long TYPE_ACCELERATOR = CL.CL_DEVICE_TYPE_ACCELERATOR;

    private static volatile String linkageFailure;
    private static volatile boolean libraryLoaded;

    private OpenClRuntime() {}

    /** Every device of every platform, in platform then device order; empty when there is no platform. */
    public static List<DeviceInfo> devices() {
        String failure = linkageFailure;
        if (failure != null) {
            throw new OpenClUnavailableException(failure);
        }
        if (!libraryLoaded && OpenClLibrary.applies()) {
            String problem = OpenClLibrary.loadProblem();
            if (problem != null) {
                linkageFailure = "the OpenCL library could not be loaded (" + problem + "); " + INSTALL_HINT;
                throw new OpenClUnavailableException(linkageFailure);
            }
            libraryLoaded = true;
        }
        try {
            return listDevices();
        } catch (LinkageError e) {
            String reason = linkageReason(e);
            linkageFailure = reason;
            throw new OpenClUnavailableException(reason, e);
        } catch (OpenClException e) {
            throw new OpenClUnavailableException(
                    "listing the OpenCL platforms failed: " + e.getMessage() + "; " + INSTALL_HINT, e);
        }
    }

    /**
     * The device {@code spec} ({@code glia.opencl.device}) selects.
     *
     * @throws OpenClUnavailableException when OpenCL, a platform or the device is missing, with the reason and a hint
     */
    public static DeviceInfo select(String spec) {
        List<DeviceInfo> all = devices();
        if (all.isEmpty()) {
            throw new OpenClUnavailableException("no OpenCL platform or device was found (the ICD loader lists none in "
                    + "/etc/OpenCL/vendors or OCL_ICD_VENDORS); " + INSTALL_HINT);
        }
        try {
            return DeviceSelector.select(spec, all);
        } catch (IllegalArgumentException e) {
            throw new OpenClUnavailableException(e.getMessage(), e);
        }
    }

    /** The reason a native library failed to load, with the hint. */
    static String linkageReason(LinkageError e) {
        String what = e instanceof NoClassDefFoundError
                        && String.valueOf(e.getMessage()).contains("org/jocl")
                ? "JOCL (org.jocl:jocl) is missing from the class path"
                : "the OpenCL library could not be loaded (libOpenCL.so not found or unusable: " + rootCause(e) + ")";
        return what + "; " + INSTALL_HINT;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The JOCL version from its jar, or {@code ?}. */
    public static String joclVersion() {
        try (InputStream in = CL.class.getResourceAsStream("/META-INF/maven/org.jocl/jocl/pom.properties")) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<DeviceInfo> listDevices() {
        int[] count = new int[1];
        int status = CL.clGetPlatformIDs(0, null, count);
        if (status == CL_PLATFORM_NOT_FOUND_KHR || (status == CL.CL_SUCCESS && count[0] == 0)) {
            return List.of();
        }
        Cl.check(status, "clGetPlatformIDs");
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        Cl.check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");
        List<DeviceInfo> result = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            int[] n = new int[1];
            int s = CL.clGetDeviceIDs(platforms[p], CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            if (s == CL.CL_DEVICE_NOT_FOUND || n[0] == 0) {
                continue;
            }
            Cl.check(s, "clGetDeviceIDs");
            cl_device_id[] devices = new cl_device_id[n[0]];
            Cl.check(
                    CL.clGetDeviceIDs(platforms[p], CL.CL_DEVICE_TYPE_ALL, devices.length, devices, null),
                    "clGetDeviceIDs");
            String platformName = Cl.platformString(platforms[p], CL.CL_PLATFORM_NAME);
            String platformVersion = Cl.platformString(platforms[p], CL.CL_PLATFORM_VERSION);
            for (int d = 0; d < devices.length; d++) {
                result.add(describe(p, d, platforms[p], platformName, platformVersion, devices[d]));
            }
        }
        return result;
    }

    private static DeviceInfo describe(
            int p, int d, cl_platform_id platform, String platformName, String platformVersion, cl_device_id device) {
        long type = Cl.deviceLong(device, CL.CL_DEVICE_TYPE);
        DeviceInfo.Kind kind = (type & TYPE_GPU) != 0
                ? DeviceInfo.Kind.GPU
                : (type & TYPE_CPU) != 0
                        ? DeviceInfo.Kind.CPU
                        : (type & TYPE_ACCELERATOR) != 0 ? DeviceInfo.Kind.ACCELERATOR : DeviceInfo.Kind.OTHER;
        String extensions = Cl.deviceString(device, CL.CL_DEVICE_EXTENSIONS);
        return new DeviceInfo(
                p,
                d,
                platformName,
                platformVersion,
                Cl.deviceString(device, CL.CL_DEVICE_NAME),
                Cl.deviceString(device, CL.CL_DEVICE_VERSION),
                kind,
                extensions.contains("cl_khr_fp64"),
                Cl.deviceInt(device, CL.CL_DEVICE_MAX_COMPUTE_UNITS),
                Cl.deviceLong(device, CL.CL_DEVICE_GLOBAL_MEM_SIZE),
                Cl.deviceLong(device, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                Cl.deviceLong(device, CL.CL_DEVICE_LOCAL_MEM_SIZE),
                Cl.deviceSize(device, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE),
                platform,
                device);
    }
}

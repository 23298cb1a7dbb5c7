package dev.glia.backend.opencl.internal;

import java.nio.charset.StandardCharsets;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Thin helpers over JOCL: every call's status is checked here (JOCL's global exception switch is
 * left alone, so that other JOCL users in the JVM are not affected), and info queries return Java
 * values.
 */
final class Cl {
    private Cl() {}

    /** Throws {@link OpenClException} naming {@code what} and the status when {@code status} is not CL_SUCCESS. */
    static void check(int status, String what) {
        if (status != CL.CL_SUCCESS) {
            throw new OpenClException(
                    what + " failed: " + CL.stringFor_errorCode(status) + " (" + status + ")", status);
        }
    }

    /** Like {@link #check} for an {@code errcode_ret} array. */
    static void check(int[] status, String what) {
        check(status[0], what);
    }

    static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        check(CL.clGetPlatformInfo(platform, param, 0, null, size), "clGetPlatformInfo");
        byte[] buffer = new byte[(int) size[0]];
        check(CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null), "clGetPlatformInfo");
        return text(buffer);
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        check(CL.clGetDeviceInfo(device, param, 0, null, size), "clGetDeviceInfo");
        byte[] buffer = new byte[(int) size[0]];
        check(CL.clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null), "clGetDeviceInfo");
        return text(buffer);
    }

    static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        check(CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null), "clGetDeviceInfo");
        return value[0];
    }

    static int deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        check(CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null), "clGetDeviceInfo");
        return value[0];
    }

    /** A {@code size_t} device property. */
    static long deviceSize(cl_device_id device, int param) {
        long[] value = new long[1];
        check(CL.clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null), "clGetDeviceInfo");
        return Sizeof.size_t == 4 ? value[0] & 0xFFFF_FFFFL : value[0];
    }

    private static String text(byte[] buffer) {
        int end = buffer.length;
        while (end > 0 && buffer[end - 1] == 0) {
            end--;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8).trim();
    }
}

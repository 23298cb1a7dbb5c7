package dev.glia.backend.opencl.internal;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * One device's context and in-order command queue, and the count of every OpenCL object made
 * through it, so that {@link #close()} can prove it released them all ({@link #openObjects()}).
 *
 * <p>Kernels run asynchronously in queue order; only the blocking reads and writes of
 * {@link OpenClBackend}'s transfers wait for them. Not thread-safe.
 */
final class ClContext implements AutoCloseable {
    private final DeviceInfo device;
    private final cl_device_id[] devices;
    private final cl_context context;
    private final cl_command_queue queue;
    private long buffers;
    private long programs;
    private long kernels;
    private boolean closed;

    ClContext(DeviceInfo device) {
        this.device = device;
        this.devices = new cl_device_id[] {device.device()};
        int[] err = new int[1];
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        context = CL.clCreateContext(props, 1, devices, null, null, err);
        Cl.check(err, "clCreateContext on " + device.name());
        try {
            queue = createQueue(err);
            Cl.check(err, "clCreateCommandQueue on " + device.name());
        } catch (RuntimeException e) {
            CL.clReleaseContext(context);
            throw e;
        }
    }

    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue(int[] err) {
        if (device.versionNumber() >= 20) {
            return CL.clCreateCommandQueueWithProperties(context, device.device(), new cl_queue_properties(), err);
        }
        return CL.clCreateCommandQueue(context, device.device(), 0, err);
    }

    DeviceInfo device() {
        return device;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** A new buffer of {@code bytes}, filled with zeros (asynchronously, in queue order). */
    cl_mem zeroBuffer(long bytes) {
        cl_mem mem = createBuffer(bytes, CL.CL_MEM_READ_WRITE, null);
        try {
            Cl.check(
                    CL.clEnqueueFillBuffer(queue, mem, Pointer.to(new int[1]), Sizeof.cl_int, 0, bytes, 0, null, null),
                    "clEnqueueFillBuffer");
        } catch (RuntimeException e) {
            release(mem);
            throw e;
        }
        return mem;
    }

    /** A new buffer initialised from host memory. */
    cl_mem copyBuffer(long bytes, Pointer host) {
        return createBuffer(bytes, CL.CL_MEM_READ_WRITE | CL.CL_MEM_COPY_HOST_PTR, host);
    }

    private cl_mem createBuffer(long bytes, long flags, Pointer host) {
        checkOpen();
        if (bytes > device.maxAllocation()) {
            throw new OpenClException(
                    "A tensor of " + bytes + " bytes exceeds the device's largest buffer (" + device.maxAllocation()
                            + " bytes, CL_DEVICE_MAX_MEM_ALLOC_SIZE) on " + device.name(),
                    CL.CL_INVALID_BUFFER_SIZE);
        }
        int[] err = new int[1];
        cl_mem mem = CL.clCreateBuffer(context, flags, bytes, host, err);
        Cl.check(err, "clCreateBuffer of " + bytes + " bytes");
        buffers++;
        return mem;
    }

    void release(cl_mem mem) {
        Cl.check(CL.clReleaseMemObject(mem), "clReleaseMemObject");
        buffers--;
    }

    /**
     * Builds {@code source} for this device.
     *
     * @throws KernelBuildException carrying the build log and the source when compilation fails
     */
    cl_program build(String name, String source, String options) {
        checkOpen();
        int[] err = new int[1];
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, err);
        Cl.check(err, "clCreateProgramWithSource of " + name);
        programs++;
        int status = CL.clBuildProgram(program, 1, devices, options, null, null);
        if (status != CL.CL_SUCCESS) {
            String log = buildLog(program);
            release(program);
            throw new KernelBuildException(name + " on " + device.name(), status, options, log, source);
        }
        return program;
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        if (CL.clGetProgramBuildInfo(program, devices[0], CL.CL_PROGRAM_BUILD_LOG, 0, null, size) != CL.CL_SUCCESS) {
            return "(no build log)";
        }
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, devices[0], CL.CL_PROGRAM_BUILD_LOG, buffer.length, Pointer.to(buffer), null);
        int end = buffer.length;
        while (end > 0 && buffer[end - 1] == 0) {
            end--;
        }
        return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    cl_kernel kernel(cl_program program, String name) {
        int[] err = new int[1];
        cl_kernel kernel = CL.clCreateKernel(program, name, err);
        Cl.check(err, "clCreateKernel " + name);
        kernels++;
        return kernel;
    }

    void release(cl_program program) {
        Cl.check(CL.clReleaseProgram(program), "clReleaseProgram");
        programs--;
    }

    void release(cl_kernel kernel) {
        Cl.check(CL.clReleaseKernel(kernel), "clReleaseKernel");
        kernels--;
    }

    /** Waits until every queued command has finished. */
    void finish() {
        Cl.check(CL.clFinish(queue), "clFinish");
    }

    /** Buffers, programs and kernels not yet released, plus the queue and context while open. */
    long openObjects() {
        return buffers + programs + kernels + (closed ? 0 : 2);
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The OpenCL context on " + device.name() + " was closed");
        }
    }

    /** Releases the queue and the context; buffers, kernels and programs must have been released first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        int s = CL.clFinish(queue);
        if (s != CL.CL_SUCCESS) {
            failures.add("clFinish: " + CL.stringFor_errorCode(s));
        }
        s = CL.clReleaseCommandQueue(queue);
        if (s != CL.CL_SUCCESS) {
            failures.add("clReleaseCommandQueue: " + CL.stringFor_errorCode(s));
        }
        s = CL.clReleaseContext(context);
        if (s != CL.CL_SUCCESS) {
            failures.add("clReleaseContext: " + CL.stringFor_errorCode(s));
        }
        if (!failures.isEmpty()) {
            throw new OpenClException("Closing the OpenCL context on " + device.name() + " failed: " + failures, s);
        }
    }
}

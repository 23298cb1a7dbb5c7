package dev.glia.backend.opencl.internal;

/**
 * An OpenCL call failed. The message names the call and the status (e.g.
 * {@code clCreateBuffer failed: CL_MEM_OBJECT_ALLOCATION_FAILURE (-4)}); the backend stays usable.
 */
public class OpenClException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A failure with an OpenCL status code. */
    public OpenClException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The OpenCL status code, e.g. -4 for CL_MEM_OBJECT_ALLOCATION_FAILURE. */
    public int status() {
        return status;
    }
}

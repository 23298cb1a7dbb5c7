package dev.glia.backend.opencl.internal;

/** OpenCL cannot be used here; the message gives the reason and what to install. */
public final class OpenClUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Unavailable for {@code reason}. */
    public OpenClUnavailableException(String reason) {
        super(reason);
    }

    /** Unavailable for {@code reason}, caused by {@code cause}. */
    public OpenClUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

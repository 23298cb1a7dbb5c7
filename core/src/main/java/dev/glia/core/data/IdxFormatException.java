package dev.glia.core.data;

/**
 * An IDX file that cannot be read: not a regular file, a wrong magic number, an unsupported element type, a
 * truncated file, sizes that do not match, or a claim larger than the file or the Java heap can hold. The
 * message names the file, what was expected and what to do.
 */
public final class IdxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public IdxFormatException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

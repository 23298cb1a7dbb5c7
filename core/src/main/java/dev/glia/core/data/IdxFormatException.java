package dev.glia.core.data;

/**
 * An IDX file that cannot be read: a wrong magic number, an unsupported element type, a truncated file,
 * or sizes that do not match. The message names the file and what was expected.
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

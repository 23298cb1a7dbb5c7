package dev.glia.core.io;

/**
 * A model file that cannot be written or read: missing, truncated, damaged, hostile, from a newer format,
 * or naming an activation that is not present. The message is one readable sentence naming the file.
 */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public ModelFileException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

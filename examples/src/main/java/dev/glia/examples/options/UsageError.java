package dev.glia.examples.options;

/**
 * A command-line option with a value it cannot take, found before anything was allocated or written. The
 * {@code glia} command prints its message as one line and exits with the usage status (2), as it does for
 * picocli's own parse errors. The message names the option, what it accepts and the value given.
 */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with the whole one-line {@code message}. */
    public UsageError(String message) {
        super(message);
    }
}

package dev.glia.core.data;

import java.util.Locale;
import java.util.function.Function;

/**
 * Big host arrays allocated against the Java heap: a size is compared with what {@code -Xmx} allows before
 * anything is allocated, and an {@link OutOfMemoryError} at the one allocation becomes an exception whose
 * message says what needed how much, what the heap offers, and what to do.
 */
final class Heap {
    private static final long GIB = 1L << 30;

    private Heap() {}

    /** The most memory this JVM may use, in bytes. */
    static long max() {
        return Runtime.getRuntime().maxMemory();
    }

    /** An estimate of the heap still free, in bytes (garbage not yet collected counts as used). */
    static long free() {
        Runtime r = Runtime.getRuntime();
        return Math.max(0, r.maxMemory() - (r.totalMemory() - r.freeMemory()));
    }

    /**
     * Null if {@code bytes} may fit in the heap, else the reason it cannot, to follow "{@code what} needs":
     * "1.5 GiB, more than the 512.0 MiB of memory this Java may use (-Xmx)".
     */
    static String tooBig(long bytes) {
        if (bytes <= max()) {
            return null;
        }
        return size(bytes) + ", more than the " + size(max()) + " of memory this Java may use (-Xmx); "
                + moreMemory(bytes);
    }

    /**
     * {@code new byte[n]}, or {@code error} of a message that starts with {@code what} when the heap cannot
     * hold it.
     */
    static byte[] bytes(long n, String what, Function<String, ? extends RuntimeException> error) {
        check(n, n, what, error);
        try {
            return new byte[(int) n];
        } catch (OutOfMemoryError e) {
            throw outOfMemory(n, what, error, e);
        }
    }

    /** {@code Arrays.copyOf(array, n)}, with {@link #bytes}'s checks. */
    static byte[] grow(byte[] array, int n, String what, Function<String, ? extends RuntimeException> error) {
        byte[] bigger = bytes(n, what, error);
        System.arraycopy(array, 0, bigger, 0, Math.min(array.length, n));
        return bigger;
    }

    /** Throws {@code error} if {@code bytes} (for {@code elements} array elements) cannot fit in any array or heap. */
    static void check(long elements, long bytes, String what, Function<String, ? extends RuntimeException> error) {
        if (elements > Integer.MAX_VALUE - 8) {
            throw error.apply(what + " needs " + String.format(Locale.ROOT, "%,d", elements)
                    + " elements, more than a Java array holds (2^31 - 9)");
        }
        String reason = tooBig(bytes);
        if (reason != null) {
            throw error.apply(what + " needs " + reason);
        }
    }

    /** The exception for an allocation of {@code bytes} that failed with {@code cause}. */
    static RuntimeException outOfMemory(
            long bytes, String what, Function<String, ? extends RuntimeException> error, OutOfMemoryError cause) {
        RuntimeException e = error.apply(what + " needs " + size(bytes) + ", but only " + size(free()) + " of the "
                + size(max()) + " this Java may use is free; " + moreMemory(bytes + max()));
        e.addSuppressed(cause);
        return e;
    }

    /**
     * What a user can do about a heap too small for {@code bytes}: a {@code -Xmx} with room to spare, e.g.
     * "run Java with more memory (java -Xmx3g, or GLIA_JAVA_OPTS=-Xmx3g ./glia ...)".
     */
    static String moreMemory(long bytes) {
        long gib = Math.max(1, (bytes + bytes / 2 + GIB - 1) / GIB);
        return "run Java with more memory (java -Xmx" + gib + "g, or GLIA_JAVA_OPTS=-Xmx" + gib + "g ./glia ...)";
    }

    /** A size for people: "1.5 GiB", "310.0 MiB", "300.1 KiB", "12 bytes". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}

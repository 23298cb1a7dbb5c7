package dev.glia.examples.options;

import java.util.Locale;

/**
 * Parses and range-checks option values given as text, so that every mistake (a number out of range,
 * beyond {@code int}, not a number at all, NaN, an empty string) gets the same one-line {@link UsageError}:
 * the option, what it accepts, and the value as given, e.g.
 * {@code --epochs must be a whole number from 1 to 1,000,000, got 0}.
 */
public final class OptionValues {
    /** The most elements one tensor holds, 2^31-9 (the largest Java array the JVMs allow). */
    public static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE - 8;

    private OptionValues() {}

    /** {@code text} as a whole number from {@code min} to {@code max}, both within {@code int}. */
    public static int wholeNumber(String option, String text, int min, int max) {
        return (int) wholeNumber(option, text, (long) min, max);
    }

    /** {@code text} as a whole number from {@code min} to {@code max}. */
    public static long wholeNumber(String option, String text, long min, long max) {
        Long value = parseLong(text);
        if (value == null || value < min || value > max) {
            throw new UsageError(option + " must be a whole number from " + grouped(min) + " to " + grouped(max)
                    + ", got " + shown(text));
        }
        return value;
    }

    /** {@code text} as a finite number greater than 0. */
    public static double positiveFinite(String option, String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new UsageError(option + " must be a finite number greater than 0, got " + shown(text));
        }
        return value;
    }

    /** {@code text} itself, refused when it is empty or only white space; {@code what} says what it names. */
    public static String nonBlank(String option, String text, String what) {
        if (text.isBlank()) {
            throw new UsageError(option + " must name " + what + ", got " + shown(text));
        }
        return text;
    }

    /**
     * How a value is shown in a message: "an empty string", a number as typed, anything else in quotes
     * (white space included, so that {@code ' '} is visible).
     */
    public static String shown(String text) {
        if (text.isEmpty()) {
            return "an empty string";
        }
        if (text.isBlank()) {
            return "'" + text + "' (only white space)";
        }
        return parseLong(text) != null || isPlainNumber(text) ? text : "'" + text + "'";
    }

    /** {@code n} with thousands separators, e.g. {@code 2,147,483,639}. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static boolean isPlainNumber(String text) {
        return text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    /** A decimal integer within {@code long}, or null; no white space, no '_' separators. */
    private static Long parseLong(String text) {
        if (!text.matches("[+-]?\\d{1,30}")) {
            return null;
        }
        try {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.glia.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a child JVM hands its measurements to the coordinating JVM: one line on standard output,
 * {@code RESULT} then tab-separated {@code key=value} pairs. Values never contain tabs or line breaks
 * (they are replaced by spaces when written).
 */
public final class ResultLine {
    /** The first word of a result line. */
    public static final String PREFIX = "RESULT";

    private ResultLine() {}

    /** The line for these pairs, in order. */
    public static String format(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder(PREFIX);
        values.forEach((k, v) -> {
            if (k.isEmpty() || k.contains("=") || k.contains("\t")) {
                throw new IllegalArgumentException("Bad key '" + k + "'");
            }
            sb.append('\t').append(k).append('=').append(String.valueOf(v).replaceAll("[\\t\\r\\n]", " "));
        });
        return sb.toString();
    }

    /** Whether {@code line} is a result line. */
    public static boolean isResult(String line) {
        return line.equals(PREFIX) || line.startsWith(PREFIX + "\t");
    }

    /** The pairs of a result line, in order. */
    public static Map<String, String> parse(String line) {
        if (!isResult(line)) {
            throw new IllegalArgumentException("Not a result line: " + line);
        }
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = line.split("\t", -1);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Malformed pair '" + parts[i] + "' in result line");
            }
            out.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return out;
    }
}

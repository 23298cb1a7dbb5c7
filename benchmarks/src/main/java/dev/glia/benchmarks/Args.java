package dev.glia.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of one subcommand: {@code --name value}, {@code --name=value}, flags ({@code --plot})
 * and positional words. Unknown options and missing values fail with a {@link UsageException} that names
 * the options this subcommand knows.
 */
public final class Args {
    private final Map<String, String> values;
    private final Set<String> flagsSet;
    private final List<String> positional;

    private Args(Map<String, String> values, Set<String> flagsSet, List<String> positional) {
        this.values = values;
        this.flagsSet = flagsSet;
        this.positional = positional;
    }

    /** A command-line mistake; the message says what is wrong. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** A usage error with this message. */
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code argv}. {@code valued} are the options that take a value, {@code flags} those that do
     * not (names without the leading dashes).
     */
    public static Args parse(List<String> argv, Set<String> valued, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> seenFlags = new TreeSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                positional.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value, got '" + value + "'");
                }
                seenFlags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = argv.get(++i);
                }
                values.put(name, value);
            } else {
                Set<String> known = new TreeSet<>(valued);
                known.addAll(flags);
                throw new UsageException("Unknown option --" + name + "; this command knows "
                        + (known.isEmpty() ? "no options" : "--" + String.join(", --", known)));
            }
        }
        return new Args(values, seenFlags, positional);
    }

    /** Parses an array. */
    public static Args parse(String[] argv, Set<String> valued, Set<String> flags) {
        return parse(Arrays.asList(argv), valued, flags);
    }

    /** Whether option {@code name} was given (with a value). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Whether flag {@code name} was given. */
    public boolean flag(String name) {
        return flagsSet.contains(name);
    }

    /** An integer option of at least {@code min}. */
    public int getInt(String name, int fallback, int min) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, got '" + v + "'");
        }
        if (n < min) {
            throw new UsageException("--" + name + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    /** A long option. */
    public long getLong(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** A comma-separated list option (blank items dropped), or {@code fallback}. */
    public List<String> list(String name, List<String> fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",", -1)) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--" + name + " needs at least one item");
        }
        return out;
    }

    /** Words that are not options, in order. */
    public List<String> positional() {
        return positional;
    }
}

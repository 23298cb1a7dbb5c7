package dev.glia.core.activations;

import dev.glia.api.Activation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A named activation with numeric parameters, e.g. {@code leaky_relu} with {@code alpha = 0.01}. Its
 * instances carry the parameters in their id ({@code leaky_relu(alpha=0.2)}), which is what model
 * files store.
 *
 * <p>Ids come from users and from model files, so they are parsed strictly: each parameter once, written as a
 * plain decimal number ({@code 0.2}, {@code -1e-3}; not {@code NaN}, {@code Infinity}, hexadecimal or a
 * {@code f}/{@code d} suffix), and within ±3.4028235e38 (finite once rounded to float32), float32's range:
 * every backend computes in float32, where a larger constant becomes infinite and a NaN or infinite one makes
 * every prediction NaN. No built-in formula needs a narrower range: {@code leaky_relu}'s alpha and {@code elu}'s
 * alpha may be negative or above 1 (unusual, but well defined; PReLU learns such slopes), and {@code swish}'s
 * beta may be 0 ({@code x/2}) or negative.
 */
final class ActivationFamily {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String name;
    private final Map<String, Double> defaults;
    private final Function<Map<String, Double>, Activation> factory;

    ActivationFamily(String name, Map<String, Double> defaults, Function<Map<String, Double>, Activation> factory) {
        this.name = Objects.requireNonNull(name);
        this.defaults = new LinkedHashMap<>(defaults);
        this.factory = factory;
    }

    String name() {
        return name;
    }

    /** {@code name} alone, or {@code name(alpha=0.01, …)} with the defaults. */
    String signature() {
        return formatId(name, defaults);
    }

    /** The instance with the default parameters. */
    Activation withDefaults() {
        return factory.apply(defaults);
    }

    /** The instance with {@code given} overriding the defaults; unknown parameter names fail. */
    Activation with(Map<String, Double> given) {
        Map<String, Double> values = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException("Activation '" + name + "' has no parameter '" + e.getKey()
                        + "'; its parameters are " + (defaults.isEmpty() ? "none" : defaults.keySet()) + ", as in "
                        + signature());
            }
            values.put(e.getKey(), e.getValue());
        }
        return factory.apply(values);
    }

    /** The id of an instance of family {@code name} with these parameters: {@code name(k=v, …)}. */
    static String formatId(String name, Map<String, Double> values) {
        if (values.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        String sep = "";
        for (Map.Entry<String, Double> e : values.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(number(e.getValue()));
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    /** Parses {@code name} or {@code name(k=v, k=v)} into the name and the given parameters. */
    static Map.Entry<String, Map<String, Double>> parse(String id) {
        String s = id.trim();
        int open = s.indexOf('(');
        if (open < 0) {
            return Map.entry(s, Map.of());
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("Malformed activation id '" + id + "'; expected name(key=value, ...)");
        }
        Map<String, Double> params = new LinkedHashMap<>();
        String inner = s.substring(open + 1, s.length() - 1).trim();
        if (!inner.isEmpty()) {
            for (String part : inner.split(",", -1)) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("Malformed parameter '" + part.trim() + "' in activation id '"
                            + id + "'; expected key=value");
                }
                String key = kv[0].trim();
                if (params.put(key, number(key, kv[1].trim(), id)) != null) {
                    throw new IllegalArgumentException(
                            "Parameter '" + key + "' is given twice in activation id '" + id + "'");
                }
            }
        }
        return Map.entry(s.substring(0, open).trim(), params);
    }

    /** A parameter's value: a plain decimal number within float32's finite range. */
    private static double number(String key, String text, String id) {
        String range = " (allowed: a decimal number from -" + Float.MAX_VALUE + " to " + Float.MAX_VALUE
                + ", float32's finite range, in which every backend computes)";
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("Parameter '" + key + "' of activation id '" + id + "' is '" + text
                    + "', not a finite decimal number" + range);
        }
        double v = Double.parseDouble(text);
        if (!Float.isFinite((float) v)) {
            throw new IllegalArgumentException(
                    "Parameter '" + key + "' of activation id '" + id + "' is " + text + ", out of range" + range);
        }
        return v;
    }
}

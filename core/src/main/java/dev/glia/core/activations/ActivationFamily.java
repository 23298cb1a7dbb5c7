package dev.glia.core.activations;

import dev.glia.api.Activation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A named activation with numeric parameters, e.g. {@code leaky_relu} with {@code alpha = 0.01}. Its
 * instances carry the parameters in their id ({@code leaky_relu(alpha=0.2)}), which is what model
 * files store.
 */
final class ActivationFamily {
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
            for (String part : inner.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("Malformed parameter '" + part.trim() + "' in activation id '"
                            + id + "'; expected key=value");
                }
                try {
                    params.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Parameter '" + kv[0].trim() + "' of activation id '" + id
                            + "' is not a number: '" + kv[1].trim() + "'", e);
                }
            }
        }
        return Map.entry(s.substring(0, open).trim(), params);
    }
}

package dev.glia.core.internal;

import java.util.List;
import java.util.Map;

/** Reading a layer's configuration (JSON values) with messages that name the field and the layer type. */
public final class Configs {
    private Configs() {}

    /** The positive integer under {@code field}. */
    public static int positiveInt(Map<String, Object> config, String field, String type) {
        return positiveInt(config.get(field), field, type);
    }

    /** {@code v} as a positive integer, or a failure naming {@code field} of layer type {@code type}. */
    private static int positiveInt(Object v, String field, String type) {
        if (!(v instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < 1
                || n.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Layer type '" + type + "': '" + field + "' must be a positive integer, got " + v);
        }
        return n.intValue();
    }

    /** The finite number under {@code field}, in [{@code low}, {@code high}). */
    public static double number(Map<String, Object> config, String field, String type, double low, double high) {
        Object v = config.get(field);
        if (!(v instanceof Number n) || !(n.doubleValue() >= low && n.doubleValue() < high)) {
            throw new IllegalArgumentException("Layer type '" + type + "': '" + field + "' must be a number in [" + low
                    + ", " + high + "), got " + v);
        }
        return n.doubleValue();
    }

    /** The non-empty string under {@code field}. */
    public static String string(Map<String, Object> config, String field, String type) {
        Object v = config.get(field);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(
                    "Layer type '" + type + "': '" + field + "' must be a non-empty string, got " + v);
        }
        return s;
    }

    /** The list of positive integers under {@code field}, e.g. a shape. */
    public static int[] positiveInts(Map<String, Object> config, String field, String type) {
        Object v = config.get(field);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("Layer type '" + type + "': '" + field
                    + "' must be a non-empty list of positive integers, got " + v);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = positiveInt(list.get(i), field, type);
        }
        return out;
    }
}

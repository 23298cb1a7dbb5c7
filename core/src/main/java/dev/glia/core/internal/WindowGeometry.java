package dev.glia.core.internal;

import dev.glia.api.Shape;
import dev.glia.api.Window2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a convolution or pooling layer puts its window over a {@code [C, H, W]} sample: the padding modes
 * ("valid", "same" with TensorFlow's rule, or explicit top/bottom/left/right), the input checks, and the padding
 * as a configuration value (a string or a list of four integers).
 */
final class WindowGeometry {
    static final String VALID = "valid";
    static final String SAME = "same";

    private WindowGeometry() {}

    /** Fails unless a {@code layer} can take {@code in} as {@code [C, H, W]}, saying what to add before it. */
    static void checkImages(String layer, Shape in) {
        if (in.rank() == 3) {
            return;
        }
        String fix;
        if (in.rank() == 2) {
            fix = "Layers.reshape(1, " + in.dim(0) + ", " + in.dim(1) + ")";
        } else if (in.rank() == 1 && isSquare(in.dim(0))) {
            int side = (int) Math.round(Math.sqrt(in.dim(0)));
            fix = "Layers.reshape(1, " + side + ", " + side + ")";
        } else {
            fix = "Layers.reshape(channels, height, width)";
        }
        throw new IllegalArgumentException(
                layer + " takes [C, H, W] per sample; its input is " + in + ": add " + fix + " first");
    }

    private static boolean isSquare(int n) {
        long side = Math.round(Math.sqrt(n));
        return side * side == n;
    }

    /**
     * The window of a {@code kh × kw} kernel with this stride and dilation over {@code in} ({@code [C, H, W]}),
     * padded by {@code mode} ("valid" or "same") or, when it is null, by {@code explicit} (top, bottom, left, right).
     *
     * @throws IllegalArgumentException naming {@code layer} and the input when the window does not fit
     */
    static Window2D window(
            String layer, Shape in, int kh, int kw, int sh, int sw, String mode, int[] explicit, int dh, int dw) {
        int[] pad;
        if (mode == null) {
            if (explicit == null || explicit.length != 4) {
                throw new IllegalArgumentException(layer + ": padding is 'valid', 'same' or [top, bottom, left,"
                        + " right], got " + (explicit == null ? "none" : java.util.Arrays.toString(explicit)));
            }
            pad = explicit.clone();
        } else if (mode.equals(VALID)) {
            pad = new int[4];
        } else if (mode.equals(SAME)) {
            int[] vertical = same(in.dim(1), kh, sh, dh);
            int[] horizontal = same(in.dim(2), kw, sw, dw);
            pad = new int[] {vertical[0], vertical[1], horizontal[0], horizontal[1]};
        } else {
            throw new IllegalArgumentException(
                    layer + ": padding is 'valid', 'same' or [top, bottom, left, right], got '" + mode + "'");
        }
        try {
            Window2D w = new Window2D(kh, kw, sh, sw, pad[0], pad[1], pad[2], pad[3], dh, dw);
            w.outputShape(in);
            return w;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(layer + " over samples " + in + ": " + e.getMessage(), e);
        }
    }

    /** TensorFlow's "same": output {@code ceil(size / stride)}, padding split with the odd one after. */
    private static int[] same(int size, int kernel, int stride, int dilation) {
        long out = ((long) size + stride - 1) / stride;
        long span = (long) dilation * (kernel - 1) + 1;
        long total = Math.max((out - 1) * stride + span - size, 0);
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'same' padding of " + total + " is too large");
        }
        int before = (int) (total / 2);
        return new int[] {before, (int) total - before};
    }

    /** The padding as a configuration value: the mode's name, or [top, bottom, left, right]. */
    static Object config(String mode, int[] explicit) {
        if (mode != null) {
            return mode;
        }
        List<Integer> list = new ArrayList<>();
        for (int p : explicit) {
            list.add(p);
        }
        return list;
    }

    /** The padding mode under {@code field} ("valid" or "same"), or null when it is explicit. */
    static String mode(Map<String, Object> config, String field, String type) {
        Object v = config.get(field);
        if (v instanceof String s && (s.equals(VALID) || s.equals(SAME))) {
            return s;
        }
        explicit(config, field, type); // fails unless a list
        return null;
    }

    /** The explicit padding under {@code field}: four integers at least 0, or null for a mode. */
    static int[] explicit(Map<String, Object> config, String field, String type) {
        Object v = config.get(field);
        if (v instanceof String s && (s.equals(VALID) || s.equals(SAME))) {
            return null;
        }
        if (v instanceof List<?> list && list.size() == 4) {
            int[] pad = new int[4];
            boolean ok = true;
            for (int i = 0; i < 4 && ok; i++) {
                ok = list.get(i) instanceof Number n
                        && n.doubleValue() == Math.rint(n.doubleValue())
                        && n.doubleValue() >= 0
                        && n.doubleValue() <= Integer.MAX_VALUE;
                pad[i] = ok ? ((Number) list.get(i)).intValue() : 0;
            }
            if (ok) {
                return pad;
            }
        }
        throw new IllegalArgumentException("Layer type '" + type + "': '" + field + "' must be \"valid\", \"same\" or"
                + " [top, bottom, left, right] of integers at least 0, got " + v);
    }

    /** The pair of positive integers under {@code field} ([height, width]). */
    static int[] pair(Map<String, Object> config, String field, String type) {
        int[] pair = Configs.positiveInts(config, field, type);
        if (pair.length != 2) {
            throw new IllegalArgumentException("Layer type '" + type + "': '" + field
                    + "' must be [height, width], two positive integers, got " + config.get(field));
        }
        return pair;
    }

    /** {@code [a, b]} as a configuration value. */
    static List<Integer> pair(int a, int b) {
        return List.of(a, b);
    }
}

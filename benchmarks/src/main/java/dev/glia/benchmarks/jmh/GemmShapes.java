package dev.glia.benchmarks.jmh;

/** The {@code MxKxN:AB} shape strings of {@link GemmBench}. */
public final class GemmShapes {
    private GemmShapes() {}

    /** {@code {m, k, n, transA (0/1), transB (0/1)}} of {@code MxKxN[:AB]}. */
    public static int[] parse(String shape) {
        String[] p = shape.split(":", -1);
        String[] d = p[0].split("x", -1);
        if (d.length != 3) {
            throw new IllegalArgumentException("A gemm shape is MxKxN[:AB], got '" + shape + "'");
        }
        boolean ta = p.length > 1 && p[1].length() == 2 && p[1].charAt(0) == 'T';
        boolean tb = p.length > 1 && p[1].length() == 2 && p[1].charAt(1) == 'T';
        return new int[] {Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]), ta ? 1 : 0, tb ? 1 : 0
        };
    }
}

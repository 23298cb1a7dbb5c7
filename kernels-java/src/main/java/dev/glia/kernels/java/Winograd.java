package dev.glia.kernels.java;

import java.util.ArrayList;
import java.util.List;

/**
 * Winograd's minimal filtering F(m×m, r×r) (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks",
 * 2016) on tiles of α×α points: a stride-1 r×r convolution computes each m×m tile of its output
 * ({@code m = α - r + 1}) as {@code Y = Aᵀ [Σ_c U_c ⊙ V_c] A}, with the filter transformed once
 * ({@code U = G g Gᵀ}) and each input tile once ({@code V = Bᵀ d B}). The sum over channels is then one matrix
 * product per point, α² of them, with {@code α² / m²} multiply-adds per output where the direct sum takes
 * {@code r²}: for a 5×5 kernel on 8-point tiles (m = 4), 4 against 25; for a 3×3 kernel on 6-point tiles
 * (F(4×4, 3×3), m = 4), 2.25 against 9.
 *
 * <p><b>The matrices</b> are built here, not typed in, by the Toom-Cook construction on the points 0, ±1, ±2 and ∞
 * (α = 6, kernels of 2 and 3) or 0, ±1, ±2, ±½ and ∞ (α = 8, kernels of 4 to 7): {@code Aᵀ} evaluates at the
 * points, {@code G} too, divided by {@code f_j = Π_{l≠j}(a_j - a_l)}, and
 * {@code Bᵀ} is the transposed interpolation, {@code diag(f) E⁻ᵀ} for the points' Vandermonde matrix {@code E}.
 * Those points keep float32 errors small (Lavin and Gray use them for F(6×6, 3×3)); {@code WinogradTest} checks the tile
 * identities and measures the error.
 *
 * <p><b>Vectors, not scalars.</b> Every transform works on tiles whose elements are vectors: element
 * {@code (i, j)} of a tile is a row {@code float[]}, and the transform combines whole rows over the range
 * {@code [from, to)}. A caller lays its data so that one row holds, for one pixel of a tile, all its samples and
 * channels, so each step is a long loop that C2 vectorises (every row is indexed by the same index). Rows must
 * not be null: a caller passes a row of zeros for padding or a tile past the edge.
 *
 * <p>The backward pass uses the adjoints, the same sandwiches with the transposed matrices: the output
 * gradient {@code dM = A dY Aᵀ}, the input gradient {@code dd = B dV Bᵀ} and the filter gradient
 * {@code dg = Gᵀ dU G}.
 */
public final class Winograd {
    /** The most points per tile side in the transformed domain. */
    public static final int MAX_ALPHA = 8;

    /** The finite points, of which a tile of α points uses the first α - 1; its last point is ∞. */
    private static final double[] POINTS = {0, 1, -1, 2, -2, 0.5, -0.5};

    /** Points per tile side in the transformed domain, α: 6 for kernels of 2 and 3, 8 for 4 to 7. */
    public final int alpha;

    /** Kernel side r. */
    public final int kernel;
    /** Output tile side m = α - r + 1. */
    public final int tile;

    private final Sandwich input;
    private final Sandwich output;
    private final Sandwich filter;
    private final Sandwich outputAdjoint;
    private final Sandwich inputAdjoint;
    private final Sandwich filterAdjoint;

    private Winograd(int r) {
        this.kernel = r;
        this.alpha = alphaFor(r);
        int n = alpha;
        this.tile = n - r + 1;
        int m = tile;
        double[][] at = new double[m][n];
        double[][] g = new double[n][r];
        double[][] vandermonde = new double[n][n];
        double[] f = new double[n];
        for (int j = 0; j < n; j++) {
            boolean infinite = j == n - 1;
            f[j] = 1;
            if (!infinite) {
                for (int l = 0; l < n - 1; l++) {
                    if (l != j) {
                        f[j] *= POINTS[j] - POINTS[l];
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                at[i][j] = infinite ? (i == m - 1 ? 1 : 0) : Math.pow(POINTS[j], i);
            }
            for (int k = 0; k < r; k++) {
                g[j][k] = infinite ? (k == r - 1 ? 1 : 0) : Math.pow(POINTS[j], k) / f[j];
            }
            for (int t = 0; t < n; t++) {
                vandermonde[j][t] = infinite ? (t == n - 1 ? 1 : 0) : Math.pow(POINTS[j], t);
            }
        }
        double[][] inverse = invert(vandermonde);
        double[][] bt = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < n; t++) {
                bt[j][t] = f[j] * inverse[t][j];
            }
        }
        input = new Sandwich(bt);
        output = new Sandwich(at);
        filter = new Sandwich(g);
        outputAdjoint = new Sandwich(transpose(at));
        inputAdjoint = new Sandwich(transpose(bt));
        filterAdjoint = new Sandwich(transpose(g));
    }

    /** The points per tile side for an r×r kernel: 6 for 2 and 3, {@value #MAX_ALPHA} for 4 to 7. */
    public static int alphaFor(int r) {
        return r <= 3 ? 6 : MAX_ALPHA;
    }

    /** The transforms for an r×r kernel, {@code 2 <= r <= 7}. */
    public static Winograd forKernel(int r) {
        if (r < 2 || r > MAX_ALPHA - 1) {
            throw new IllegalArgumentException("Winograd tiles of at most " + MAX_ALPHA
                    + " points take kernels of 2 to " + (MAX_ALPHA - 1) + ", not " + r);
        }
        return new Winograd(r);
    }

    /** {@code v = Bᵀ d B}: {@code d} and {@code v} have α² rows (row-major tiles), {@code tmp} at least α². */
    public void inputTile(float[][] d, float[][] v, float[][] tmp, int from, int to) {
        input.apply(d, tmp, v, from, to);
    }

    /** {@code y = Aᵀ M A}: {@code mt} has α² rows, {@code y} m², {@code tmp} at least α·m. */
    public void outputTile(float[][] mt, float[][] y, float[][] tmp, int from, int to) {
        output.apply(mt, tmp, y, from, to);
    }

    /** {@code u = G g Gᵀ}: {@code g} has r² rows, {@code u} α², {@code tmp} at least r·α. */
    public void filter(float[][] g, float[][] u, float[][] tmp, int from, int to) {
        filter.apply(g, tmp, u, from, to);
    }

    /** {@code dM = A dY Aᵀ}, the adjoint of {@link #outputTile}: {@code dy} has m² rows, {@code dm} α². */
    public void outputTileAdjoint(float[][] dy, float[][] dm, float[][] tmp, int from, int to) {
        outputAdjoint.apply(dy, tmp, dm, from, to);
    }

    /** {@code dd = B dV Bᵀ}, the adjoint of {@link #inputTile}: both α² rows. */
    public void inputTileAdjoint(float[][] dv, float[][] dd, float[][] tmp, int from, int to) {
        inputAdjoint.apply(dv, tmp, dd, from, to);
    }

    /** {@code dg = Gᵀ dU G}, the adjoint of {@link #filter}: {@code du} has α² rows, {@code dg} r². */
    public void filterAdjoint(float[][] du, float[][] dg, float[][] tmp, int from, int to) {
        filterAdjoint.apply(du, tmp, dg, from, to);
    }

    /**
     * {@code out = L · in · Lᵀ} over tiles of vectors: {@code in} is {@code I × I} rows, {@code out} {@code P × P},
     * for {@code L} of {@code P × I}. Worked as {@code tmp = in · Lᵀ} ({@code I × P}, one pass per row of the tile),
     * then {@code out = L · tmp} (one pass per column). Each pass is one {@link Line}, generated with the
     * coefficients as constants, so a tile costs {@code I + P} of them.
     */
    private static final class Sandwich {
        private final int i;
        private final int p;
        private final Line line;

        Sandwich(double[][] l) {
            p = l.length;
            i = l[0].length;
            line = Line.of(flatten(l), p, i);
        }

        void apply(float[][] in, float[][] tmp, float[][] out, int from, int to) {
            for (int a = 0; a < i; a++) {
                line.apply(in, a * i, 1, tmp, a * p, 1, from, to);
            }
            for (int b = 0; b < p; b++) {
                line.apply(tmp, b, p, out, b, p, from, to);
            }
        }
    }

    /**
     * {@code out[k] = Σ_l c[k][l] · in[l]} for rows {@code in[inBase + l·inStride]} and
     * {@code out[outBase + k·outStride]}, over {@code [from, to)}: one generated loop with the coefficients as
     * literals and zero terms left out, which C2 vectorises like any fused kernel. Not an application API.
     */
    public interface Line {
        /** Applies the transform to the rows named; rows must not be null. */
        void apply(float[][] in, int inBase, int inStride, float[][] out, int outBase, int outStride, int from, int to);

        /** The transform of the {@code rows × cols} coefficient matrix {@code c} (row-major), compiled. */
        static Line of(float[] c, int rows, int cols) {
            String name = "WinogradLine";
            StringBuilder src = new StringBuilder();
            src.append("public final class ")
                    .append(name)
                    .append(" implements ")
                    .append(Line.class.getCanonicalName())
                    .append(" {\n")
                    .append("  public void apply(float[][] in, int ib, int is, float[][] out, int ob, int os,")
                    .append(" int from, int to) {\n");
            for (int l = 0; l < cols; l++) {
                src.append("    float[] i")
                        .append(l)
                        .append(" = in[ib + ")
                        .append(l)
                        .append(" * is];\n");
            }
            for (int k = 0; k < rows; k++) {
                src.append("    float[] o")
                        .append(k)
                        .append(" = out[ob + ")
                        .append(k)
                        .append(" * os];\n");
            }
            // C2 vectorises a loop of a few loads only (about five on JDK 17), so each output is summed over loops of
            // at most four rows: the first four terms, then the running sum and three more at a time
            for (int k = 0; k < rows; k++) {
                List<String> terms = new ArrayList<>();
                for (int l = 0; l < cols; l++) {
                    float v = c[k * cols + l];
                    if (v != 0f) {
                        String row = "i" + l + "[v]";
                        terms.add((v < 0 ? "-" : "+") + (Math.abs(v) == 1f ? row : Math.abs(v) + "f * " + row));
                    }
                }
                if (terms.isEmpty()) {
                    src.append("    java.util.Arrays.fill(o").append(k).append(", from, to, 0f);\n");
                }
                for (int t = 0; t < terms.size(); t = t == 0 ? 4 : t + 3) {
                    List<String> part = terms.subList(t, Math.min(terms.size(), t == 0 ? 4 : t + 3));
                    String sum = String.join(" ", part);
                    src.append("    for (int v = from; v < to; v++) {\n      o")
                            .append(k)
                            .append("[v] ")
                            .append(t == 0 ? "= " : "+= ")
                            .append(sum.startsWith("+") ? sum.substring(1) : sum)
                            .append(";\n    }\n");
                }
            }
            src.append("  }\n}\n");
            return KernelCompiler.compile(
                    name, src.toString(), Line.class, "a Winograd transform " + rows + "x" + cols);
        }
    }

    private static float[] flatten(double[][] m) {
        int cols = m[0].length;
        float[] out = new float[m.length * cols];
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < cols; b++) {
                double x = m[a][b];
                // the inversion leaves rounding dust where the exact entry is 0
                out[a * cols + b] = Math.abs(x) < 1e-9 ? 0f : (float) x;
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < m[0].length; b++) {
                t[b][a] = m[a][b];
            }
        }
        return t;
    }

    /** The inverse of a small well-conditioned matrix, by Gauss-Jordan elimination with partial pivoting. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] w = new double[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a[r], 0, w[r], 0, n);
            w[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(w[r][col]) > Math.abs(w[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = w[col];
            w[col] = w[pivot];
            w[pivot] = swap;
            double d = w[col][col];
            for (int c = 0; c < 2 * n; c++) {
                w[col][c] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && w[r][col] != 0) {
                    double factor = w[r][col];
                    for (int c = 0; c < 2 * n; c++) {
                        w[r][c] -= factor * w[col][c];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(w[r], n, inv[r], 0, n);
        }
        return inv;
    }
}

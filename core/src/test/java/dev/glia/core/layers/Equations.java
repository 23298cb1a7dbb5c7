package dev.glia.core.layers;

/** PyTorch's LSTM and GRU equations in plain Java, one scalar at a time, from a zero state: the tests' reference. */
final class Equations {
    private Equations() {}

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Row {@code row} of {@code w} ({@code [rows, cols]}) times {@code v} from {@code offset}. */
    private static double dot(double[] w, int row, int cols, double[] v, int offset) {
        double s = 0;
        for (int k = 0; k < cols; k++) {
            s += w[row * cols + k] * v[offset + k];
        }
        return s;
    }

    /** Every step's h, {@code [n, t, h]}; {@code w} = weight_ih, weight_hh, bias_ih, bias_hh. */
    static double[] lstm(double[] x, int n, int t, int f, int h, double[][] w) {
        double[] y = new double[n * t * h];
        for (int s = 0; s < n; s++) {
            double[] hp = new double[h];
            double[] cp = new double[h];
            for (int step = 0; step < t; step++) {
                double[] hn = new double[h];
                double[] cn = new double[h];
                for (int j = 0; j < h; j++) {
                    double[] a = new double[4];
                    for (int g = 0; g < 4; g++) {
                        int row = g * h + j;
                        a[g] = dot(w[0], row, f, x, (s * t + step) * f)
                                + w[2][row]
                                + dot(w[1], row, h, hp, 0)
                                + w[3][row];
                    }
                    cn[j] = sigmoid(a[1]) * cp[j] + sigmoid(a[0]) * Math.tanh(a[2]);
                    hn[j] = sigmoid(a[3]) * Math.tanh(cn[j]);
                }
                hp = hn;
                cp = cn;
                System.arraycopy(hn, 0, y, (s * t + step) * h, h);
            }
        }
        return y;
    }

    /** Every step's h of a GRU, as {@link #lstm}. */
    static double[] gru(double[] x, int n, int t, int f, int h, double[][] w) {
        double[] y = new double[n * t * h];
        for (int s = 0; s < n; s++) {
            double[] hp = new double[h];
            for (int step = 0; step < t; step++) {
                double[] hn = new double[h];
                for (int j = 0; j < h; j++) {
                    double[] in = new double[3];
                    double[] rec = new double[3];
                    for (int g = 0; g < 3; g++) {
                        int row = g * h + j;
                        in[g] = dot(w[0], row, f, x, (s * t + step) * f) + w[2][row];
                        rec[g] = dot(w[1], row, h, hp, 0) + w[3][row];
                    }
                    double r = sigmoid(in[0] + rec[0]);
                    double z = sigmoid(in[1] + rec[1]);
                    double c = Math.tanh(in[2] + r * rec[2]);
                    hn[j] = (1 - z) * c + z * hp[j];
                }
                hp = hn;
                System.arraycopy(hn, 0, y, (s * t + step) * h, h);
            }
        }
        return y;
    }
}

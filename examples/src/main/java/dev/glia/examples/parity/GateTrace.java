package dev.glia.examples.parity;

import dev.glia.core.TensorValues;
import java.util.Map;

/**
 * The LSTM's gates along one stream, recomputed on the host in double precision from the trained weights with
 * the layer's equations (PyTorch's, gate order i, f, g, o):
 *
 * <pre>
 * i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)     f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
 * g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)  o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
 * c_t = f_t ∘ c_{t-1} + i_t ∘ g_t                    h_t = o_t ∘ tanh(c_t)
 * </pre>
 *
 * and the Dense output {@code σ(w · h_t + b)} at each step, which must agree with the network's own prediction.
 *
 * @param bits        the stream's bits
 * @param parity      its running parity
 * @param input       {@code input[t][u]}: input gate of unit u at step t
 * @param forget      {@code forget[t][u]}: forget gate of unit u at step t
 * @param cell        {@code cell[t][u]}: cell state of unit u after step t
 * @param predicted   the probability of parity 1 at each step
 * @param parityUnit  the unit whose cell state follows the parity most closely (largest |correlation|)
 */
@SuppressWarnings("ArrayRecordComponent") // one trace to draw, never compared
record GateTrace(
        int[] bits,
        int[] parity,
        double[][] input,
        double[][] forget,
        double[][] cell,
        double[] predicted,
        int parityUnit) {

    /** The trace of stream {@code s} of {@code data} through the LSTM and Dense weights of a trained network. */
    static GateTrace of(ParityData data, int s, Map<String, TensorValues> lstm, Map<String, TensorValues> dense) {
        double[] wih = lstm.get("weight_ih").values(); // [4H, 1]
        double[] whh = lstm.get("weight_hh").values(); // [4H, H]
        double[] bih = lstm.get("bias_ih").values();
        double[] bhh = lstm.get("bias_hh").values();
        double[] w = dense.get("weight").values(); // [H, 1]
        double b = dense.get("bias").values()[0];
        int hidden = whh.length / wih.length;
        int steps = data.length();
        int[] bits = new int[steps];
        int[] parity = new int[steps];
        double[][] input = new double[steps][hidden];
        double[][] forget = new double[steps][hidden];
        double[][] cell = new double[steps][hidden];
        double[] predicted = new double[steps];
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        double[] gates = new double[4 * hidden];
        for (int t = 0; t < steps; t++) {
            bits[t] = data.bit(s, t);
            parity[t] = data.parity(s, t);
            for (int r = 0; r < 4 * hidden; r++) {
                double z = wih[r] * bits[t] + bih[r] + bhh[r];
                for (int k = 0; k < hidden; k++) {
                    z += whh[r * hidden + k] * h[k];
                }
                gates[r] = z;
            }
            double out = b;
            for (int u = 0; u < hidden; u++) {
                double i = sigmoid(gates[u]);
                double f = sigmoid(gates[hidden + u]);
                double g = Math.tanh(gates[2 * hidden + u]);
                c[u] = f * c[u] + i * g;
                input[t][u] = i;
                forget[t][u] = f;
                cell[t][u] = c[u];
            }
            for (int u = 0; u < hidden; u++) {
                h[u] = sigmoid(gates[3 * hidden + u]) * Math.tanh(c[u]);
                out += w[u] * h[u];
            }
            predicted[t] = sigmoid(out);
        }
        return new GateTrace(bits, parity, input, forget, cell, predicted, parityUnit(cell, parity));
    }

    private static int parityUnit(double[][] cell, int[] parity) {
        int best = 0;
        double bestCorrelation = -1;
        for (int u = 0; u < cell[0].length; u++) {
            double[] x = new double[cell.length];
            double[] y = new double[cell.length];
            for (int t = 0; t < cell.length; t++) {
                x[t] = cell[t][u];
                y[t] = parity[t];
            }
            double r = Math.abs(correlation(x, y));
            if (r > bestCorrelation) {
                bestCorrelation = r;
                best = u;
            }
        }
        return best;
    }

    private static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}

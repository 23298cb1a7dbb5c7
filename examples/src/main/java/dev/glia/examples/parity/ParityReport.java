package dev.glia.examples.parity;

import java.util.Locale;

/** The text {@code glia parity} prints about each network. */
final class ParityReport {
    private ParityReport() {}

    /** The baseline: training summary, then per held-out length the accuracy inside and beyond its window. */
    static String dense(WindowBaseline.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "  trained %d epochs in %.1f s, final loss %.4f%n",
                r.history().epochs(),
                r.seconds(),
                r.history().finalLoss()));
        for (StepAccuracy a : r.heldOut()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  length %3d: %6.2f %% per step  (steps 1-%d: %6.2f %%, steps %d-%d: %6.2f %%)%n",
                    a.length(),
                    100 * a.accuracy(),
                    r.window(),
                    100 * a.between(1, r.window()),
                    r.window() + 1,
                    a.length(),
                    100 * a.between(r.window() + 1, a.length())));
        }
        return sb.toString();
    }

    /** The LSTM: its training summary and per held-out length its accuracy. */
    static String lstm(ParityLstm.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "  trained %d epochs in %.1f s, final loss %.4f%n",
                r.history().epochs(),
                r.seconds(),
                r.history().finalLoss()));
        for (StepAccuracy a : r.heldOut()) {
            sb.append(String.format(Locale.ROOT, "  length %3d: %6.2f %% per step%n", a.length(), 100 * a.accuracy()));
        }
        return sb.toString();
    }
}

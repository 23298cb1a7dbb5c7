package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One system's training run, epoch by epoch, and the two figures the training protocol ({@link TrainingProtocol})
 * reports from it:
 *
 * <ul>
 *   <li>the <b>steady state</b>, {@link #steadySamplesPerS()}: the median samples/s of the last half of the epochs
 *       (the last {@code max(1, E / 2)} of E epochs: 4–6 of 6, 5–7 of 7, 2 of 2), what the system does once warm;
 *   <li>the <b>whole run</b>, {@link #runSamplesPerS()}: all samples of all epochs divided by the wall time of the
 *       whole training call, warm-up included, what a user who trains once waits for.
 * </ul>
 *
 * <p>An epoch's time runs from the end of the previous one (the first from the start of the training call) to the
 * moment the system reports the epoch's last step; time the harness spends between epochs on its own diagnostics
 * (e.g. {@code --subnormals}) is not counted.
 *
 */
final class EpochFigures {
    private final int samplesPerEpoch;
    private final double[] epochSeconds;
    private final double[] epochLoss;

    /**
     * The record of {@code samplesPerEpoch} training samples per epoch, each epoch's wall time in seconds (epoch 1
     * first) and each epoch's mean training loss (NaN where the system does not report it).
     */
    EpochFigures(int samplesPerEpoch, double[] epochSeconds, double[] epochLoss) {
        if (samplesPerEpoch < 1 || epochSeconds.length == 0 || epochLoss.length != epochSeconds.length) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "an epoch record needs samples ≥ 1 and one time and one loss per epoch; got %d samples, %d"
                            + " times, %d losses",
                    samplesPerEpoch,
                    epochSeconds.length,
                    epochLoss.length));
        }
        for (double s : epochSeconds) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("an epoch took " + s + " s; every epoch must take a positive time");
            }
        }
        this.samplesPerEpoch = samplesPerEpoch;
        this.epochSeconds = epochSeconds.clone();
        this.epochLoss = epochLoss.clone();
    }

    /** Training samples in one epoch. */
    int samplesPerEpoch() {
        return samplesPerEpoch;
    }

    /** Each epoch's wall time in seconds, epoch 1 first. */
    double[] epochSeconds() {
        return epochSeconds.clone();
    }

    /** Each epoch's mean training loss. */
    double[] epochLoss() {
        return epochLoss.clone();
    }

    /** The number of epochs. */
    int epochs() {
        return epochSeconds.length;
    }

    /** The first epoch (from 1) of the steady-state window, the last half of {@code epochs}. */
    static int steadyFrom(int epochs) {
        return epochs - Math.max(1, epochs / 2) + 1;
    }

    /** "epochs 4–6", "epoch 2": the steady-state window of {@code epochs} epochs, for people. */
    static String steadyWindow(int epochs) {
        int from = steadyFrom(epochs);
        return from == epochs ? "epoch " + epochs : "epochs " + from + "–" + epochs;
    }

    /** Each epoch's samples/s. */
    double[] epochSamplesPerS() {
        double[] out = new double[epochs()];
        for (int e = 0; e < out.length; e++) {
            out[e] = samplesPerEpoch / epochSeconds[e];
        }
        return out;
    }

    /** The steady state: the median samples/s of the last half of the epochs ({@link #steadyFrom}). */
    double steadySamplesPerS() {
        double[] all = epochSamplesPerS();
        return Stats.median(java.util.Arrays.copyOfRange(all, steadyFrom(all.length) - 1, all.length));
    }

    /** The whole run: all samples of all epochs over the sum of the epochs' wall times, warm-up included. */
    double runSamplesPerS() {
        return (double) samplesPerEpoch * epochs() / runSeconds();
    }

    /** The whole training wall time in seconds. */
    double runSeconds() {
        double total = 0;
        for (double s : epochSeconds) {
            total += s;
        }
        return total;
    }

    /** The pairs a worker's result line carries (see {@link #fromResult}). */
    Map<String, Object> toResult() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("samples_per_s", steadySamplesPerS());
        r.put("run_samples_per_s", runSamplesPerS());
        r.put("samples_per_epoch", samplesPerEpoch);
        r.put("epoch_seconds", join(epochSeconds, "%.6f"));
        r.put("epoch_samples_per_s", join(epochSamplesPerS(), "%.4f"));
        r.put("epoch_loss", join(epochLoss, "%.6f"));
        return r;
    }

    /** The record from a worker's result line ({@link #toResult}); null when the line has no epoch times. */
    static EpochFigures fromResult(Map<String, String> r) {
        String seconds = r.get("epoch_seconds");
        String samples = r.get("samples_per_epoch");
        if (seconds == null || seconds.isBlank() || samples == null) {
            return null;
        }
        double[] t = split(seconds);
        double[] loss = split(r.getOrDefault("epoch_loss", ""));
        if (loss.length != t.length) {
            loss = new double[t.length];
            java.util.Arrays.fill(loss, Double.NaN);
        }
        return new EpochFigures(Integer.parseInt(samples.trim()), t, loss);
    }

    private static String join(double[] values, String format) {
        List<String> s = new ArrayList<>();
        for (double v : values) {
            s.add(Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, format, v));
        }
        return String.join(" ", s);
    }

    private static double[] split(String values) {
        if (values.isBlank()) {
            return new double[0];
        }
        String[] parts = values.trim().split(" +", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }
}

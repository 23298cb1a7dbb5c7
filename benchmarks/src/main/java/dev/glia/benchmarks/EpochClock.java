package dev.glia.benchmarks;

import dev.glia.benchmarks.spi.ClassifierContender;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Times a training call epoch by epoch for {@link EpochFigures}: {@link #start()} right before the system's training
 * call, then the system reports each epoch's end ({@link #epochEnded}). After taking an epoch's time the clock runs the
 * between-epochs probe (e.g. counting subnormal floats) and restarts once it has returned, so that the probe is never
 * part of a training figure. Each epoch's figure is printed to the log as it ends.
 */
final class EpochClock implements ClassifierContender.EpochListener {
    private final String system;
    private final int samplesPerEpoch;
    private final double[] seconds;
    private final double[] losses;
    private final PrintStream log;
    private final LongSupplier nanoTime;
    private final IntConsumer betweenEpochs;
    private long resumed;
    private int seen;
    private boolean started;

    /**
     * A clock for {@code epochs} epochs of {@code samplesPerEpoch} samples, reading {@code nanoTime} and running
     * {@code betweenEpochs} (given the epoch just ended) outside the timed region.
     */
    EpochClock(
            String system,
            int epochs,
            int samplesPerEpoch,
            PrintStream log,
            LongSupplier nanoTime,
            IntConsumer betweenEpochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("an epoch clock needs at least one epoch, got " + epochs);
        }
        this.system = system;
        this.samplesPerEpoch = samplesPerEpoch;
        this.seconds = new double[epochs];
        this.losses = new double[epochs];
        this.log = log;
        this.nanoTime = nanoTime;
        this.betweenEpochs = betweenEpochs;
    }

    /** Starts the first epoch's time: call right before the system's training call. */
    void start() {
        started = true;
        resumed = nanoTime.getAsLong();
    }

    @Override
    public void epochEnded(int epoch, double meanLoss) {
        long now = nanoTime.getAsLong();
        if (!started) {
            throw new IllegalStateException(system + " reported epoch " + epoch + " before training started");
        }
        if (epoch != seen + 1 || epoch > seconds.length) {
            throw new IllegalStateException(system + " reported epoch " + epoch + " after epoch " + seen
                    + "; expected epochs 1.." + seconds.length + " in order");
        }
        seconds[epoch - 1] = Math.max(1, now - resumed) / 1e9;
        losses[epoch - 1] = meanLoss;
        seen = epoch;
        log.printf(
                Locale.ROOT,
                "%s: epoch %d/%d  %,.0f samples/s  loss %.4f%n",
                system,
                epoch,
                seconds.length,
                samplesPerEpoch / seconds[epoch - 1],
                meanLoss);
        betweenEpochs.accept(epoch);
        resumed = nanoTime.getAsLong();
    }

    /** The figures, once every epoch was reported; fails naming the system when one is missing. */
    EpochFigures figures() {
        if (seen != seconds.length) {
            throw new IllegalStateException(system + " reported " + seen + " epochs of " + seconds.length);
        }
        return new EpochFigures(samplesPerEpoch, seconds, losses);
    }
}

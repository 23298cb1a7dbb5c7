package dev.glia.core.progress;

import dev.glia.core.EpochResult;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link TrainingListener} that shows training progress. In a terminal ({@link #terminal}) it redraws one
 * line per epoch, at most ten times a second, with a bar, batches done, the epoch's running mean loss,
 * samples per second and the time left in the epoch:
 *
 * <pre>
 * epoch  3/10 [=========&gt;            ] 430/860  loss 0.4123  12,345 samples/s  ETA 0:12
 * </pre>
 *
 * and ends each epoch with a summary line. Elsewhere ({@link #plain}, e.g. output to a file or a pipe) it
 * writes only the summary lines:
 *
 * <pre>
 * epoch  3/10  loss 0.4123  val_loss 0.3811  val_acc 86.52%  12,345 samples/s  4.5 s  best
 * </pre>
 */
public final class ProgressBar implements TrainingListener {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private final LongSupplier clock;
    private int epochs;
    private int batchSize;
    private int samples;
    private long epochStart;
    private long lastBatchEnd;
    private long lastDraw;
    private boolean drawn;
    private double lossSum;
    private int samplesDone;
    private int lineLength;

    /**
     * A progress bar writing to {@code out}; {@code interactive} redraws a bar in place (a terminal),
     * otherwise only per-epoch lines are written. {@code nanoClock} is the time source (e.g.
     * {@code System::nanoTime}).
     */
    public ProgressBar(PrintWriter out, boolean interactive, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** A bar redrawn in place, for a terminal. */
    public static ProgressBar terminal(PrintWriter out) {
        return new ProgressBar(out, true, System::nanoTime);
    }

    /** One line per epoch, for output that is not a terminal. */
    public static ProgressBar plain(PrintWriter out) {
        return new ProgressBar(out, false, System::nanoTime);
    }

    @Override
    public void trainingStarted(int epochs, int batchSize, int samples) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.samples = samples;
        startEpoch();
    }

    private void startEpoch() {
        epochStart = clock.getAsLong();
        lastBatchEnd = epochStart;
        lossSum = 0;
        samplesDone = 0;
        drawn = false;
    }

    @Override
    public void batchEnded(int epoch, int batch, int batches, double loss) {
        int count = batch < batches ? batchSize : samples - (batches - 1) * batchSize;
        samplesDone += count;
        lossSum += loss * count;
        lastBatchEnd = clock.getAsLong();
        if (!interactive || (drawn && lastBatchEnd - lastDraw < REDRAW_NANOS && batch < batches)) {
            return;
        }
        lastDraw = lastBatchEnd;
        drawn = true;
        double rate = rate(samplesDone, lastBatchEnd - epochStart);
        int filled = (int) ((long) BAR * batch / batches);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        String eta = rate > 0 ? clockTime((samples - samplesDone) / rate) : "?";
        draw(String.format(
                Locale.ROOT,
                "epoch %s %s %d/%d  loss %.4f  %,.0f samples/s  ETA %s",
                epochOf(epoch),
                bar,
                batch,
                batches,
                lossSum / samplesDone,
                rate,
                eta));
    }

    @Override
    public void epochEnded(EpochResult r) {
        double seconds = (lastBatchEnd - epochStart) / 1e9;
        StringBuilder line =
                new StringBuilder(String.format(Locale.ROOT, "epoch %s  loss %.4f", epochOf(r.epoch()), r.loss()));
        if (!Double.isNaN(r.validationLoss())) {
            line.append(String.format(Locale.ROOT, "  val_loss %.4f", r.validationLoss()));
        }
        if (!Double.isNaN(r.validationAccuracy())) {
            line.append(String.format(Locale.ROOT, "  val_acc %.2f%%", 100 * r.validationAccuracy()));
        }
        line.append(String.format(
                Locale.ROOT, "  %,.0f samples/s  %.1f s", rate(samplesDone, lastBatchEnd - epochStart), seconds));
        if (r.improved()) {
            line.append("  best");
        }
        if (interactive) {
            draw(line.toString());
            out.println();
            lineLength = 0;
        } else {
            out.println(line);
        }
        out.flush();
        startEpoch();
    }

    @Override
    public void trainingEnded(TrainingHistory history) {
        if (history.stopReason().startsWith("early stopping")) {
            out.println("Stopped: " + history.stopReason());
        }
        if (history.restoredBestWeights()) {
            out.println("Restored the weights of epoch " + history.bestEpoch() + " (lowest validation loss)");
        }
        out.flush();
    }

    private String epochOf(int epoch) {
        int digits = Integer.toString(epochs).length();
        return String.format(Locale.ROOT, "%" + digits + "d/%d", epoch, epochs);
    }

    private void draw(String text) {
        StringBuilder sb = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < lineLength; i++) {
            sb.append(' ');
        }
        lineLength = text.length();
        out.print(sb);
        out.flush();
    }

    private static double rate(long samples, long nanos) {
        return nanos <= 0 ? 0 : samples / (nanos / 1e9);
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

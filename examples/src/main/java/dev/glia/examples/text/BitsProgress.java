package dev.glia.examples.text;

import dev.glia.core.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress in bits per character (the loss in nats over ln 2). As a bar ({@code bar}) it redraws one
 * line at most ten times a second while an epoch runs:
 *
 * <pre>
 * epoch 3 [=========&gt;            ] 430/860  2.812 bits/char  18,345 chars/s
 * </pre>
 *
 * and the command prints the epoch's summary after it; otherwise it writes nothing during the epoch.
 */
final class BitsProgress implements TrainingListener {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean bar;
    private int epoch;
    private int batchSize;
    private int samples;
    private long start;
    private long lastDraw;
    private double lossSum;
    private long characters;
    private int lineLength;

    BitsProgress(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    /** Starts the display of epoch {@code number}. */
    void epoch(int number) {
        epoch = number;
    }

    @Override
    public void trainingStarted(int epochs, int batchSize, int samples) {
        this.batchSize = batchSize;
        this.samples = samples;
        start = System.nanoTime();
        lastDraw = 0;
        lossSum = 0;
        characters = 0;
    }

    @Override
    public void batchEnded(int epochInRun, int batch, int batches, double loss) {
        int count = batch < batches ? batchSize : samples - (batches - 1) * batchSize;
        characters += count;
        lossSum += loss * count;
        long now = System.nanoTime();
        if (!bar || (now - lastDraw < REDRAW_NANOS && batch < batches)) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) BAR * batch / batches);
        StringBuilder line = new StringBuilder("\r").append(String.format(Locale.ROOT, "epoch %d [", epoch));
        for (int i = 0; i < BAR; i++) {
            line.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        String text = String.format(
                Locale.ROOT,
                "] %d/%d  %.3f bits/char  %,.0f chars/s",
                batch,
                batches,
                lossSum / characters / Math.log(2),
                characters / ((now - start) / 1e9));
        line.append(text);
        int length = line.length();
        for (int i = length; i < lineLength; i++) {
            line.append(' ');
        }
        lineLength = length;
        out.print(line);
        out.flush();
    }

    /** Clears the bar's line, so that the epoch's summary starts on a clean line. */
    void clear() {
        if (bar && lineLength > 0) {
            out.print("\r" + " ".repeat(lineLength) + "\r");
            out.flush();
            lineLength = 0;
        }
    }
}

package dev.glia.examples.text;

import dev.glia.core.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress in bits per character (the loss in nats over ln 2). As a bar ({@code bar}) it redraws one
 * line at most ten times a second while an epoch runs:
 *
 * <pre>
 * epoch 3 [=========&gt;            ]  40%  2.812 bits/char  1,845 chars/s
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
    private int chunks = 1;
    private int chunk;
    private int perSample = 1;
    private long start;
    private long lastDraw;
    private double lossSum;
    private long characters;
    private int lineLength;

    BitsProgress(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    /** Starts the display of epoch {@code number}, trained in {@code chunks} pieces of samples of {@code perSample} characters. */
    void epoch(int number, int chunks, int perSample) {
        epoch = number;
        this.chunks = chunks;
        this.perSample = perSample;
        start = System.nanoTime();
        lastDraw = 0;
        lossSum = 0;
        characters = 0;
    }

    /** The piece of the epoch now trained, from 0. */
    void chunk(int index) {
        chunk = index;
    }

    @Override
    public void trainingStarted(int epochs, int batchSize, int samples) {
        this.batchSize = batchSize;
        this.samples = samples;
    }

    @Override
    public void batchEnded(int epochInRun, int batch, int batches, double loss) {
        int count = batch < batches ? batchSize : samples - (batches - 1) * batchSize;
        characters += (long) count * perSample;
        lossSum += loss * count * perSample;
        long now = System.nanoTime();
        if (!bar || (now - lastDraw < REDRAW_NANOS && batch < batches)) {
            return;
        }
        lastDraw = now;
        double done = (chunk + (double) batch / batches) / chunks;
        int filled = (int) (BAR * done);
        StringBuilder line = new StringBuilder("\r").append(String.format(Locale.ROOT, "epoch %d [", epoch));
        for (int i = 0; i < BAR; i++) {
            line.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        String text = String.format(
                Locale.ROOT,
                "] %3.0f%%  %.3f bits/char  %,.0f chars/s",
                100 * done,
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

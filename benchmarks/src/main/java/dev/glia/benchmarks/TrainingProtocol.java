package dev.glia.benchmarks;

import dev.glia.benchmarks.report.EpochChart;
import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How every training comparison ({@code throughput}, {@code cnn}, and any later one) measures, written once:
 *
 * <ul>
 *   <li>{@value #DEFAULT_EPOCHS} epochs unless {@code --epochs N} says otherwise; {@code --quick} runs
 *       {@value #QUICK_EPOCHS} for a smoke run, and any run of fewer than {@value #DEFAULT_EPOCHS} epochs is marked
 *       <em>not comparable</em> in the output and the Markdown;
 *   <li>{@code samples_per_s} is the steady state (the median of the last half of the epochs) and
 *       {@code run_samples_per_s} the whole run (all samples over the whole training time, warm-up included), see
 *       {@link EpochFigures};
 *   <li>the per-epoch table (samples/s and loss of every epoch) is printed and kept in the Markdown beside the CSV,
 *       and the per-epoch curves are drawn to {@code <name>-epochs.png} beside it.
 * </ul>
 */
final class TrainingProtocol {
    /** Epochs by default: enough that the last half (epochs 4–6) is past every system's warm-up. */
    static final int DEFAULT_EPOCHS = 6;
    /** Epochs of {@code --quick}. */
    static final int QUICK_EPOCHS = 2;
    /** The protocol's options with a value. */
    static final Set<String> VALUED = Set.of("epochs");
    /** The protocol's flags. */
    static final Set<String> FLAGS = Set.of("quick");

    private final int epochs;
    private final boolean quick;

    private TrainingProtocol(int epochs, boolean quick) {
        this.epochs = epochs;
        this.quick = quick;
    }

    /** From {@code --epochs N} and {@code --quick}, which exclude each other. */
    static TrainingProtocol from(Args args) {
        boolean quick = args.flag("quick");
        if (quick && args.has("epochs")) {
            throw new Args.UsageException(
                    "--quick runs " + QUICK_EPOCHS + " epochs; give either --quick or --epochs, not both");
        }
        return new TrainingProtocol(quick ? QUICK_EPOCHS : args.getInt("epochs", DEFAULT_EPOCHS, 1), quick);
    }

    /** The protocol of {@code epochs} epochs (tests). */
    static TrainingProtocol of(int epochs) {
        return new TrainingProtocol(epochs, false);
    }

    /** The number of epochs. */
    int epochs() {
        return epochs;
    }

    /** Whether the figures can be compared with a full run's: at least {@value #DEFAULT_EPOCHS} epochs. */
    boolean comparable() {
        return epochs >= DEFAULT_EPOCHS;
    }

    /** The warning for a run whose figures are not comparable; empty for a comparable run. */
    String notComparable() {
        if (comparable()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "**Not comparable:** %s %d epoch%s (the protocol runs %d): the steady state is %s, which may still"
                        + " be warming up; a smoke run, not a measurement.",
                quick ? "--quick ran" : "this run has",
                epochs,
                epochs == 1 ? "" : "s",
                DEFAULT_EPOCHS,
                EpochFigures.steadyWindow(epochs));
    }

    /** Tells {@code err}, before anything runs, when the figures will not be comparable. */
    void warn(PrintStream err) {
        if (!comparable()) {
            err.println("warning: " + notComparable().replace("**", ""));
        }
    }

    /** The protocol's part of a table's settings line. */
    String settings() {
        return String.format(
                Locale.ROOT,
                "%d epoch%s; samples/s is the steady state, the median of %s (the last half); run samples/s is all"
                        + " samples of all %d epochs over the whole training time, warm-up included",
                epochs,
                epochs == 1 ? "" : "s",
                EpochFigures.steadyWindow(epochs),
                epochs);
    }

    /**
     * The per-epoch tables in Markdown: samples/s of every epoch with the steady state and the whole run, then the mean
     * training loss of every epoch. Systems without epoch figures (failed, or from an older worker) are left out.
     */
    static String perEpochMarkdown(Map<String, EpochFigures> bySystem) {
        if (bySystem.isEmpty()) {
            return "";
        }
        int most =
                bySystem.values().stream().mapToInt(EpochFigures::epochs).max().orElse(0);
        List<Table.Column> speed = new ArrayList<>();
        List<Table.Column> loss = new ArrayList<>();
        speed.add(Table.column("system", "system", Format.TEXT));
        loss.add(Table.column("system", "system", Format.TEXT));
        for (int e = 1; e <= most; e++) {
            speed.add(Table.column("epoch_" + e, "epoch " + e, Format.INTEGER));
            loss.add(Table.column("epoch_" + e, "epoch " + e, Format.FOUR_DECIMALS));
        }
        speed.add(Table.column("steady", "steady (" + EpochFigures.steadyWindow(most) + ")", Format.INTEGER));
        speed.add(Table.column("run", "whole run", Format.INTEGER));
        speed.add(Table.column("run_s", "training s", Format.ONE_DECIMAL));
        Table speedTable = new Table(speed);
        Table lossTable = new Table(loss);
        bySystem.forEach((name, f) -> {
            Object[] s = new Object[speed.size()];
            Object[] l = new Object[loss.size()];
            s[0] = name;
            l[0] = name;
            double[] sps = f.epochSamplesPerS();
            for (int e = 0; e < f.epochs(); e++) {
                s[e + 1] = sps[e];
                l[e + 1] = f.epochLoss()[e];
            }
            s[most + 1] = f.steadySamplesPerS();
            s[most + 2] = f.runSamplesPerS();
            s[most + 3] = f.runSeconds();
            speedTable.row(s);
            lossTable.row(l);
        });
        return "Per epoch, training samples/s (each epoch's samples over its wall time; epoch 1 includes the JIT's and"
                + " the native libraries' warm-up):\n\n" + speedTable.toMarkdown()
                + "\nPer epoch, mean training loss:\n\n" + lossTable.toMarkdown() + "\n";
    }

    /**
     * Draws every system's samples/s per epoch to {@code png}; a drawing failure (no fonts on a bare machine) is
     * reported on {@code err} and does not fail the run. Returns whether the file was written.
     */
    static boolean writeCurves(
            Path png, String title, Map<String, EpochFigures> bySystem, Map<String, Boolean> glia, PrintStream err) {
        if (bySystem.isEmpty()) {
            return false;
        }
        try {
            List<EpochChart.Series> series = new ArrayList<>();
            bySystem.forEach((name, f) ->
                    series.add(new EpochChart.Series(name, f.epochSamplesPerS(), Boolean.TRUE.equals(glia.get(name)))));
            EpochChart.write(png, title, "training samples/s (higher is better)", series);
            return true;
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            err.println("warning: could not draw " + png + ": " + e);
            return false;
        }
    }
}

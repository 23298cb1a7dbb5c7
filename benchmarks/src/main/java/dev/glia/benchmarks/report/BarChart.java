package dev.glia.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** A PNG bar chart of one figure per system (XChart, headless). */
public final class BarChart {
    private BarChart() {}

    /**
     * Writes a bar per name to {@code png}, atomically; bars whose {@code highlight} is true (Glia) in one
     * colour, the others (the peers) in another.
     */
    public static void write(
            Path png,
            String title,
            String yTitle,
            List<String> names,
            List<Double> values,
            List<Boolean> highlight,
            String highlighted,
            String others) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(520)
                .title(title)
                .xAxisTitle("system")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x2E7D32), new Color(0x607D8B)});
        List<Double> mine = new java.util.ArrayList<>();
        List<Double> theirs = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            mine.add(highlight.get(i) ? values.get(i) : 0.0);
            theirs.add(highlight.get(i) ? 0.0 : values.get(i));
        }
        chart.addSeries(highlighted, names, mine);
        chart.addSeries(others, names, theirs);
        try {
            Path dir = png.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, o, BitmapFormat.PNG);
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}

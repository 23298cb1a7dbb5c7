package dev.glia.examples.fashion;

import dev.glia.core.TrainingHistory;
import dev.glia.core.data.LabelledImages;
import dev.glia.core.eval.ConfusionMatrix;
import dev.glia.examples.options.IoFailures;
import dev.glia.examples.pictures.PictureFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG pictures of a {@code glia fashion} run: loss and accuracy per epoch (XChart), the confusion matrix
 * as a heat map (XChart), a grid of misclassified test images, and single 28x28 test images to try
 * {@code glia predict} on. Needs no display ({@code java.awt.headless=true} is enough).
 */
public final class Charts {
    /** Scale of a 28x28 image in the misclassified grid. */
    static final int ZOOM = 3;

    private Charts() {}

    /** Training and validation loss per epoch, the best epoch marked. */
    public static void loss(TrainingHistory history, Path file) {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title("Loss per epoch")
                .xAxisTitle("epoch")
                .yAxisTitle("softmax cross-entropy")
                .build();
        style(chart);
        chart.addSeries("training", epochs(history.epochLosses().size()), history.epochLosses());
        if (!history.validationLosses().isEmpty()) {
            chart.addSeries("validation", epochs(history.validationLosses().size()), history.validationLosses());
            int best = history.bestEpoch();
            XYSeries marker = chart.addSeries(
                    "best epoch (" + best + (history.restoredBestWeights() ? ", restored" : "") + ")",
                    List.of(best),
                    List.of(history.validationLosses().get(best - 1)));
            marker.setMarker(SeriesMarkers.CIRCLE);
            marker.setMarkerColor(Color.RED);
            marker.setLineStyle(new BasicStroke(0f));
            marker.setLineColor(new Color(0, 0, 0, 0));
        }
        save(chart, file);
    }

    /** Validation accuracy per epoch and the final test accuracy, in percent. */
    public static void accuracy(TrainingHistory history, double testAccuracy, Path file) {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title("Accuracy per epoch")
                .xAxisTitle("epoch")
                .yAxisTitle("accuracy (%)")
                .build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        List<Double> validation =
                history.validationAccuracies().stream().map(a -> 100 * a).toList();
        int n = Math.max(1, history.epochs());
        if (!validation.isEmpty()) {
            chart.addSeries("validation", epochs(validation.size()), validation);
        }
        XYSeries test = chart.addSeries(
                String.format(Locale.ROOT, "test, final model (%.2f%%)", 100 * testAccuracy),
                List.of(1, Math.max(2, n)),
                List.of(100 * testAccuracy, 100 * testAccuracy));
        test.setMarker(SeriesMarkers.NONE);
        test.setLineStyle(
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        save(chart, file);
    }

    /** The confusion matrix as a heat map: true classes down, predicted classes across, counts in the cells. */
    public static void confusion(ConfusionMatrix m, List<String> names, Path file) {
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(900)
                .height(800)
                .title(String.format(Locale.ROOT, "Confusion matrix, test set (accuracy %.2f%%)", 100 * m.accuracy()))
                .xAxisTitle("predicted")
                .yAxisTitle("true")
                .build();
        chart.getStyler()
                .setShowValue(true)
                .setMin(0)
                .setMax((double) Math.max(1, max(m)))
                .setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08306b)})
                .setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12))
                .setHeatMapValueDecimalPattern("#0");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> rows = new ArrayList<>(names);
        java.util.Collections.reverse(rows); // the first class at the top
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < m.classes(); t++) {
            for (int p = 0; p < m.classes(); p++) {
                cells.add(new Number[] {p, m.classes() - 1 - t, m.count(t, p)});
            }
        }
        chart.addSeries("count", names, rows, cells);
        save(chart, file);
    }

    private static long max(ConfusionMatrix m) {
        long max = 0;
        for (long[] row : m.counts()) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        return max;
    }

    /**
     * Up to {@code limit} misclassified images, in test-set order, each enlarged with its true and predicted
     * class under it. Returns how many were drawn.
     */
    public static int misclassified(LabelledImages test, int[] predicted, List<String> names, int limit, Path file) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < test.size() && wrong.size() < limit; i++) {
            if (predicted[i] != test.label(i)) {
                wrong.add(i);
            }
        }
        int columns = 8;
        int cell = test.width() * ZOOM;
        int cellWidth = cell + 24;
        int cellHeight = test.height() * ZOOM + 40;
        int rows = Math.max(1, (wrong.size() + columns - 1) / columns);
        BufferedImage canvas =
                new BufferedImage(columns * cellWidth, 50 + rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(
                    wrong.isEmpty()
                            ? "No misclassified test images"
                            : "Misclassified test images: true" + " (black) / predicted (red), first " + wrong.size()
                                    + " in test order",
                    12,
                    30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int k = 0; k < wrong.size(); k++) {
                int i = wrong.get(k);
                int x = (k % columns) * cellWidth + 12;
                int y = 50 + (k / columns) * cellHeight;
                g.drawImage(image(test, i), x, y, cell, cell, null);
                g.setColor(Color.BLACK);
                g.drawString(names.get(test.label(i)), x, y + cell + 14);
                g.setColor(new Color(0xc0, 0x10, 0x10));
                g.drawString(names.get(predicted[i]), x, y + cell + 28);
            }
        } finally {
            g.dispose();
        }
        write(canvas, file);
        return wrong.size();
    }

    /**
     * Writes the first test image of each class as a 28x28 grey-scale PNG into {@code dir}, named like
     * {@code 9-ankle-boot.png}; returns the files.
     */
    public static List<Path> samples(LabelledImages test, List<String> names, Path dir) {
        List<Path> files = new ArrayList<>();
        boolean[] done = new boolean[names.size()];
        for (int i = 0; i < test.size(); i++) {
            int label = test.label(i);
            if (!done[label]) {
                done[label] = true;
                String slug = names.get(label).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                Path file = dir.resolve(label + "-" + slug + ".png");
                write(image(test, i), file);
                files.add(file);
            }
        }
        return files;
    }

    /** Image {@code i} as a grey-scale picture, pixel values as stored. */
    static BufferedImage image(LabelledImages images, int i) {
        BufferedImage img = new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        byte[] pixels = images.image(i);
        for (int y = 0; y < images.height(); y++) {
            for (int x = 0; x < images.width(); x++) {
                raster.setSample(x, y, 0, pixels[y * images.width() + x] & 0xFF);
            }
        }
        return img;
    }

    private static List<Integer> epochs(int n) {
        List<Integer> e = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            e.add(i);
        }
        return e;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#0");
        chart.getStyler().setMarkerSize(7);
    }

    private static void save(Chart<?, ?> chart, Path file) {
        writeAtomically(
                file, "write the chart", out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void write(BufferedImage image, Path file) {
        try {
            PictureFiles.writePng(image, file);
        } catch (IOException e) {
            throw IoFailures.failure("write the image", file, e);
        }
    }

    /** Writes {@code file} whole or not at all; an error says what failed and why. */
    private static void writeAtomically(Path file, String doing, PictureFiles.Writer writer) {
        try {
            PictureFiles.write(file, writer);
        } catch (IOException e) {
            throw IoFailures.failure(doing, file, e);
        }
    }
}

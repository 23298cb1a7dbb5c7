package dev.glia.examples.activations;

import dev.glia.examples.pictures.ChartGrid;
import dev.glia.examples.pictures.PictureFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws activations and their derivatives into one PNG: a grid of XChart line charts, one per
 * activation, each with {@code f(x)} and {@code f'(x)} over {@link ActivationCurves#FROM} to
 * {@link ActivationCurves#TO}, {@value #COLUMNS} to a row; cells left over in the last row stay white.
 */
public final class ActivationGridChart {
    /** Width of one chart in pixels. */
    public static final int CELL_WIDTH = 360;
    /** Height of one chart in pixels. */
    public static final int CELL_HEIGHT = 270;
    /** Charts per row. */
    public static final int COLUMNS = 5;
    /** The colour of {@code f(x)}. */
    static final Color FUNCTION = new Color(31, 119, 180);
    /** The colour of {@code f'(x)}. */
    static final Color DERIVATIVE = new Color(255, 127, 14);

    private ActivationGridChart() {}

    /** Rows of a grid of {@code count} charts. */
    public static int rows(int count) {
        return Math.max(1, (count + COLUMNS - 1) / COLUMNS);
    }

    /** Columns of a grid of {@code count} charts. */
    public static int columns(int count) {
        return Math.max(1, Math.min(COLUMNS, count));
    }

    /** Writes the grid of {@code curves} to the PNG {@code file} (parent folders are created) and returns it. */
    public static Path write(List<ActivationCurve> curves, Path file) throws IOException {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("Nothing to draw: no activations");
        }
        List<XYChart> charts = new ArrayList<>();
        for (ActivationCurve c : curves) {
            charts.add(chart(c));
        }
        BufferedImage image = ChartGrid.compose(charts, columns(charts.size()), CELL_WIDTH, CELL_HEIGHT);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        return PictureFiles.writePng(image, file);
    }

    /** One chart: the function and its derivative. */
    static XYChart chart(ActivationCurve c) {
        XYChart chart = new XYChartBuilder()
                .width(CELL_WIDTH)
                .height(CELL_HEIGHT)
                .title(c.label())
                .build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setAntiAlias(true);
        // explicit, padded axis ranges: XChart picks odd tick steps for data that ends exactly at -4 and 4
        double xPad = 0.05 * (ActivationCurves.TO - ActivationCurves.FROM);
        chart.getStyler().setXAxisMin(ActivationCurves.FROM - xPad);
        chart.getStyler().setXAxisMax(ActivationCurves.TO + xPad);
        double[] range = range(c.y(), c.slope());
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);

        line(chart, "f(x)", c.x(), c.y(), FUNCTION);
        line(chart, "f'(x)", c.x(), c.slope(), DERIVATIVE);
        return chart;
    }

    /** The finite values of both arrays, padded by 8% of their span (at least 0.5 in all for a flat line). */
    static double[] range(double[] a, double[] b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : List.of(a, b)) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {-1, 1};
        }
        double pad = Math.max(0.08 * (hi - lo), 0.25);
        return new double[] {lo - pad, hi + pad};
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        // points where the value is not finite (none in the catalogue on [-4, 4]) are left out
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                xs[n] = x[i];
                ys[n++] = y[i];
            }
        }
        if (n == 0) {
            return;
        }
        XYSeries series = chart.addSeries(name, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(2f);
    }
}

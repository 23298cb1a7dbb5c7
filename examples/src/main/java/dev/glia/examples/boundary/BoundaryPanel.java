package dev.glia.examples.boundary;

import dev.glia.examples.xor.XorLesson;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One network's outputs over the grid, drawn as an XChart scatter of coloured squares in four bands
 * (the decision boundary is where the two middle bands meet, at 0.5), with the four XOR inputs ringed in
 * the colour of their target.
 */
final class BoundaryPanel {
    /** Lower edges of the output bands and their colours: confident 0, leaning 0, leaning 1, confident 1. */
    private static final double[] BAND_FROM = {Double.NEGATIVE_INFINITY, 0.25, 0.5, 0.75};

    private static final String[] BAND_NAMES = {"< 0.25", "< 0.5", "< 0.75", "<= 1"};
    private static final Color[] BAND_COLORS = {
        new Color(116, 169, 207), new Color(198, 219, 239), new Color(253, 208, 162), new Color(253, 141, 60)
    };
    private static final Color TARGET_ZERO = new Color(8, 48, 107);
    private static final Color TARGET_ONE = new Color(127, 39, 4);
    private static final double RING_RADIUS = 0.07;

    private final String title;
    private final double[] gridOutputs;
    private final double[] sampleOutputs;

    BoundaryPanel(String title, double[] gridOutputs, double[] sampleOutputs) {
        this.title = title;
        this.gridOutputs = gridOutputs;
        this.sampleOutputs = sampleOutputs;
    }

    /** How many XOR inputs the network puts on the right side of 0.5. */
    int correct() {
        int right = 0;
        for (int i = 0; i < sampleOutputs.length; i++) {
            right += (sampleOutputs[i] >= 0.5) == (XorLesson.TARGETS.get(i) >= 0.5) ? 1 : 0;
        }
        return right;
    }

    XYChart chart(int width, int height) {
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle("x1")
                .yAxisTitle("x2")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setXAxisTickMarkSpacingHint(70);
        chart.getStyler().setYAxisTickMarkSpacingHint(70);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setXAxisMin(XorBoundaryPlot.LOW);
        chart.getStyler().setXAxisMax(XorBoundaryPlot.HIGH);
        chart.getStyler().setYAxisMin(XorBoundaryPlot.LOW);
        chart.getStyler().setYAxisMax(XorBoundaryPlot.HIGH);
        boolean first = true;
        for (int band = 0; band < BAND_FROM.length; band++) {
            first &= !bandSeries(chart, band, first);
        }
        float[][] inputs = XorLesson.inputs();
        boolean[] shown = new boolean[2];
        for (int i = 0; i < inputs.length; i++) {
            int target = XorLesson.TARGETS.get(i) >= 0.5 ? 1 : 0;
            ring(chart, i, inputs[i][0], inputs[i][1], target, !shown[target], (width - 110.0) / (height - 135.0));
            shown[target] = true;
        }
        return chart;
    }

    /** Adds the grid points in {@code band}, if any; the first band drawn says what the numbers are. */
    private boolean bandSeries(XYChart chart, int band, boolean first) {
        double from = BAND_FROM[band];
        double to = band + 1 < BAND_FROM.length ? BAND_FROM[band + 1] : Double.POSITIVE_INFINITY;
        int n = XorBoundaryPlot.GRID;
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double p = gridOutputs[j * n + i];
                if (p >= from && p < to) {
                    xs[count] = XorBoundaryPlot.coordinate(i);
                    ys[count++] = XorBoundaryPlot.coordinate(j);
                }
            }
        }
        if (count == 0) {
            return false; // XChart rejects an empty series
        }
        XYSeries s = chart.addSeries(
                (first ? "output " : "") + BAND_NAMES[band], Arrays.copyOf(xs, count), Arrays.copyOf(ys, count));
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(BAND_COLORS[band]);
        return true;
    }

    /** A ring around XOR input {@code i}, as a closed line, with a dot in its centre; {@code aspect} = plot width / height. */
    private void ring(XYChart chart, int i, double cx, double cy, int target, boolean inLegend, double aspect) {
        int points = 33;
        double[] xs = new double[points];
        double[] ys = new double[points];
        for (int k = 0; k < points; k++) {
            double angle = 2 * Math.PI * k / (points - 1);
            xs[k] = cx + RING_RADIUS * Math.cos(angle);
            ys[k] = cy + RING_RADIUS * aspect * Math.sin(angle); // round on screen: the plot is wider than tall
        }
        Color color = target == 1 ? TARGET_ONE : TARGET_ZERO;
        XYSeries s = chart.addSeries("ring " + i, xs, ys);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(3.5f);
        s.setShowInLegend(false);
        XYSeries centre =
                chart.addSeries(inLegend ? "XOR = " + target : "point " + i, new double[] {cx}, new double[] {cy});
        centre.setMarker(SeriesMarkers.CIRCLE);
        centre.setMarkerColor(color);
        centre.setShowInLegend(inLegend);
    }
}

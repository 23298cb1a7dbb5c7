package dev.glia.examples.parity;

import dev.glia.examples.options.IoFailures;
import dev.glia.examples.pictures.PictureFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of {@code glia parity --plot}: along one held-out stream, the input bits and running parity, and
 * the forget and input gates of the LSTM unit that carries the parity (the sigmoid as a filter: near 1 a value
 * passes, near 0 it is blocked), with the mean of each gate over all units.
 */
final class GatePlot {
    private GatePlot() {}

    /** Draws {@code trace} into the PNG {@code file}; returns a one-line summary. */
    static String draw(GateTrace trace, Path file) {
        int steps = trace.bits().length;
        int unit = trace.parityUnit();
        XYChart chart = new XYChartBuilder()
                .width(1000)
                .height(560)
                .title("LSTM gates along one held-out stream of " + steps + " bits (unit " + unit
                        + " carries the parity)")
                .xAxisTitle("step t")
                .yAxisTitle("value (0 = blocked, 1 = passes)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#0");
        chart.getStyler().setYAxisMin(-0.05);
        chart.getStyler().setYAxisMax(1.05);
        List<Integer> x = new ArrayList<>();
        List<Double> bits = new ArrayList<>();
        List<Double> parity = new ArrayList<>();
        List<Double> forget = new ArrayList<>();
        List<Double> input = new ArrayList<>();
        List<Double> meanForget = new ArrayList<>();
        List<Double> meanInput = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(t + 1);
            bits.add((double) trace.bits()[t]);
            parity.add((double) trace.parity()[t]);
            forget.add(trace.forget()[t][unit]);
            input.add(trace.input()[t][unit]);
            meanForget.add(mean(trace.forget()[t]));
            meanInput.add(mean(trace.input()[t]));
        }
        XYSeries b = chart.addSeries("input bit x_t", x, bits);
        b.setMarker(SeriesMarkers.SQUARE);
        b.setLineStyle(new BasicStroke(0f));
        b.setLineColor(new Color(0, 0, 0, 0));
        b.setMarkerColor(Color.GRAY);
        XYSeries p = chart.addSeries("running parity y_t", x, parity);
        p.setMarker(SeriesMarkers.CIRCLE);
        p.setLineColor(Color.BLACK);
        p.setMarkerColor(Color.BLACK);
        p.setLineStyle(
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        chart.addSeries("forget gate f_t, unit " + unit, x, forget).setMarker(SeriesMarkers.NONE);
        chart.addSeries("input gate i_t, unit " + unit, x, input).setMarker(SeriesMarkers.NONE);
        chart.addSeries("forget gate, mean of all units", x, meanForget).setMarker(SeriesMarkers.NONE);
        chart.addSeries("input gate, mean of all units", x, meanInput).setMarker(SeriesMarkers.NONE);
        try {
            PictureFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw IoFailures.failure("write the plot", file, e);
        }
        return String.format(
                java.util.Locale.ROOT,
                "Plot: %s (forget and input gates of unit %d along a held-out stream of %d bits)",
                file,
                unit,
                steps);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}

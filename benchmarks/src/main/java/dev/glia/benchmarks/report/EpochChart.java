package dev.glia.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG line chart of one figure per epoch for each system (XChart, headless): the warm-up made visible. */
public final class EpochChart {
    private static final Color[] GLIA = {new Color(0x1B5E20), new Color(0x43A047), new Color(0x81C784)};
    private static final Color[] PEERS = {
        new Color(0xC62828), new Color(0x1565C0), new Color(0x6A1B9A), new Color(0xEF6C00), new Color(0x455A64)
    };

    private EpochChart() {}

    /** One system's line: its legend name, one value per epoch (epoch 1 first), and whether it is Glia's. */
    public static final class Series {
        private final String name;
        private final double[] values;
        private final boolean glia;

        /** A line; Glia's are drawn solid in greens, the peers' dashed in other colours. */
        public Series(String name, double[] values, boolean glia) {
            if (values.length == 0) {
                throw new IllegalArgumentException("series " + name + " has no values");
            }
            this.name = name;
            this.values = values.clone();
            this.glia = glia;
        }
    }

    /** Writes the chart to {@code png}, atomically, with epochs 1, 2, … on the x axis. */
    public static void write(Path png, String title, String yTitle, List<Series> series) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(520)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        int g = 0;
        int p = 0;
        for (Series s : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int e = 0; e < s.values.length; e++) {
                x.add(e + 1.0);
                y.add(s.values[e]);
            }
            XYSeries line = chart.addSeries(s.name, x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
            if (s.glia) {
                line.setLineColor(GLIA[g % GLIA.length]);
                line.setMarkerColor(GLIA[g++ % GLIA.length]);
            } else {
                line.setLineColor(PEERS[p % PEERS.length]);
                line.setMarkerColor(PEERS[p++ % PEERS.length]);
                line.setLineStyle(new BasicStroke(
                        2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f));
            }
        }
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

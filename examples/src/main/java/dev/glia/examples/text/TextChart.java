package dev.glia.examples.text;

import dev.glia.examples.options.IoFailures;
import dev.glia.examples.pictures.PictureFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The loss chart of a {@code glia text} run: bits per character per epoch, training and held-out. */
final class TextChart {
    private TextChart() {}

    static void bitsPerCharacter(List<TextTraining.EpochBits> epochs, Path file) {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title("Cross-entropy per epoch")
                .xAxisTitle("epoch")
                .yAxisTitle("bits per character")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#0");
        List<Integer> x = epochs.stream().map(TextTraining.EpochBits::epoch).toList();
        chart.addSeries(
                "training (characters of the epoch)",
                x,
                epochs.stream().map(TextTraining.EpochBits::train).toList());
        chart.addSeries(
                "held-out (chapters 104-110)",
                x,
                epochs.stream().map(TextTraining.EpochBits::heldOut).toList());
        try {
            PictureFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw IoFailures.failure("write the chart", file, e);
        }
    }
}

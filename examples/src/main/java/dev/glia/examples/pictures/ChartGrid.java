package dev.glia.examples.pictures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Lays XChart charts of one size out in a grid. XChart renders every chart; this class only places the
 * rendered images side by side ({@link PictureFiles} saves the result).
 */
public final class ChartGrid {
    private ChartGrid() {}

    /**
     * The charts rendered in rows of {@code columns}, each in a {@code cellWidth} × {@code cellHeight} cell;
     * cells left over in the last row stay white.
     */
    public static BufferedImage compose(
            List<? extends Chart<?, ?>> charts, int columns, int cellWidth, int cellHeight) {
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException(
                    "Need at least one chart and one column, got " + charts.size() + " and " + columns);
        }
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(
                        BitmapEncoder.getBufferedImage(charts.get(i)),
                        (i % columns) * cellWidth,
                        (i / columns) * cellHeight,
                        null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}

package dev.glia.examples.fashion;

import dev.glia.examples.options.IoFailures;
import dev.glia.examples.pictures.PictureFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The pictures of a CNN's first convolution ({@link FirstConvolution}): its filters as a grid of enlarged
 * kernels in a diverging palette (blue negative, white zero, red positive, one scale for all), and the feature
 * maps it makes of one test image as a grid of grey pictures. Drawn with Java 2D, saved by {@link PictureFiles}.
 */
public final class ConvolutionPictures {
    /** Tiles per row in both grids. */
    static final int COLUMNS = 8;
    /** Screen pixels per kernel weight. */
    static final int FILTER_ZOOM = 16;
    /** Screen pixels per feature-map value and per input pixel. */
    static final int MAP_ZOOM = 4;
    /** Space between tiles and around the grid. */
    static final int GAP = 8;
    /** Margin around the picture. */
    static final int MARGIN = 12;
    /** Height of the number under each tile. */
    static final int LABEL = 14;
    /** Height of the title and colour scale above the filters. */
    static final int FILTER_HEADER = 64;

    private static final Color NEGATIVE = new Color(0x21, 0x66, 0xac);
    private static final Color POSITIVE = new Color(0xb2, 0x18, 0x2b);

    private ConvolutionPictures() {}

    /** Width of {@link #filters}' picture for {@code conv}. */
    static int filtersWidth(FirstConvolution conv) {
        return gridWidth(conv.channels() * conv.kernelWidth() * FILTER_ZOOM);
    }

    /** Height of {@link #filters}' picture for {@code conv}. */
    static int filtersHeight(FirstConvolution conv) {
        return FILTER_HEADER + gridHeight(conv.filters(), conv.kernelHeight() * FILTER_ZOOM) + MARGIN;
    }

    /** Width of {@link #featureMaps}' picture for {@code conv}. */
    static int mapsWidth(FirstConvolution conv) {
        return gridWidth(conv.mapWidth() * MAP_ZOOM);
    }

    /** Height of {@link #featureMaps}' picture for {@code conv}. */
    static int mapsHeight(FirstConvolution conv) {
        return mapsHeader(conv) + gridHeight(conv.filters(), conv.mapHeight() * MAP_ZOOM) + MARGIN;
    }

    /**
     * The filters, numbered from 1, each kernel enlarged {@value #FILTER_ZOOM} times (channels side by side), in
     * one diverging scale from {@code -max|w|} (blue) through 0 (white) to {@code +max|w|} (red).
     */
    public static void filters(FirstConvolution conv, Path file) {
        int tileWidth = conv.channels() * conv.kernelWidth() * FILTER_ZOOM;
        int tileHeight = conv.kernelHeight() * FILTER_ZOOM;
        float scale = maxAbs(conv.weights());
        BufferedImage canvas = canvas(filtersWidth(conv), filtersHeight(conv));
        Graphics2D g = canvas.createGraphics();
        try {
            text(g);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(
                    String.format(
                            Locale.ROOT,
                            "First convolution: %d filters of %dx%d",
                            conv.filters(),
                            conv.kernelHeight(),
                            conv.kernelWidth()),
                    MARGIN,
                    MARGIN + 14);
            drawScale(g, scale, MARGIN, MARGIN + 26);
            int kernel = conv.kernelHeight() * conv.kernelWidth();
            for (int f = 0; f < conv.filters(); f++) {
                int x = MARGIN + (f % COLUMNS) * (tileWidth + GAP);
                int y = FILTER_HEADER + (f / COLUMNS) * (tileHeight + LABEL + GAP);
                for (int c = 0; c < conv.channels(); c++) {
                    int offset = (f * conv.channels() + c) * kernel;
                    for (int i = 0; i < conv.kernelHeight(); i++) {
                        for (int j = 0; j < conv.kernelWidth(); j++) {
                            float v = conv.weights()[offset + i * conv.kernelWidth() + j];
                            g.setColor(diverging(scale == 0 ? 0 : v / scale));
                            g.fillRect(
                                    x + (c * conv.kernelWidth() + j) * FILTER_ZOOM,
                                    y + i * FILTER_ZOOM,
                                    FILTER_ZOOM,
                                    FILTER_ZOOM);
                        }
                    }
                }
                label(g, f, x, y + tileHeight);
            }
        } finally {
            g.dispose();
        }
        write(canvas, file);
    }

    /**
     * The test image (enlarged {@value #MAP_ZOOM} times, its first channel) with its class, then the feature map
     * of each filter, enlarged as much, each in grey from its own minimum (black) to its maximum (white); a map
     * that is constant (a filter that never fires on this image) is black.
     */
    public static void featureMaps(FirstConvolution conv, String className, Path file) {
        int tileWidth = conv.mapWidth() * MAP_ZOOM;
        int tileHeight = conv.mapHeight() * MAP_ZOOM;
        int header = mapsHeader(conv);
        BufferedImage canvas = canvas(mapsWidth(conv), mapsHeight(conv));
        Graphics2D g = canvas.createGraphics();
        try {
            text(g);
            drawGrey(g, conv.image(), 0, conv.imageHeight(), conv.imageWidth(), MARGIN, MARGIN, 0f, 1f);
            int textX = MARGIN + conv.imageWidth() * MAP_ZOOM + 2 * GAP;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Feature maps of the first convolution", textX, MARGIN + 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("Test image #" + conv.testImage() + " (left), class " + className, textX, MARGIN + 38);
            g.drawString(
                    String.format(
                            Locale.ROOT,
                            "%d maps of %dx%d after the activation; each from its own minimum (black) to maximum"
                                    + " (white)",
                            conv.filters(),
                            conv.mapHeight(),
                            conv.mapWidth()),
                    textX,
                    MARGIN + 56);
            g.drawString("black throughout: the filter does not respond to this image", textX, MARGIN + 74);
            int mapSize = conv.mapHeight() * conv.mapWidth();
            for (int f = 0; f < conv.filters(); f++) {
                int x = MARGIN + (f % COLUMNS) * (tileWidth + GAP);
                int y = header + (f / COLUMNS) * (tileHeight + LABEL + GAP);
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < mapSize; k++) {
                    float v = conv.featureMaps()[f * mapSize + k];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                drawGrey(g, conv.featureMaps(), f * mapSize, conv.mapHeight(), conv.mapWidth(), x, y, min, max);
                label(g, f, x, y + tileHeight);
            }
        } finally {
            g.dispose();
        }
        write(canvas, file);
    }

    /** The colour of {@code t} in [-1, 1]: blue through white to red. */
    static Color diverging(float t) {
        float a = Math.min(1f, Math.abs(t));
        Color end = t < 0 ? NEGATIVE : POSITIVE;
        return new Color(
                Math.round(255 + a * (end.getRed() - 255)),
                Math.round(255 + a * (end.getGreen() - 255)),
                Math.round(255 + a * (end.getBlue() - 255)));
    }

    private static int mapsHeader(FirstConvolution conv) {
        return MARGIN + Math.max(conv.imageHeight() * MAP_ZOOM, 80) + 2 * GAP;
    }

    private static int gridWidth(int tileWidth) {
        return 2 * MARGIN + COLUMNS * tileWidth + (COLUMNS - 1) * GAP;
    }

    private static int gridHeight(int tiles, int tileHeight) {
        int rows = (tiles + COLUMNS - 1) / COLUMNS;
        return rows * (tileHeight + LABEL) + (rows - 1) * GAP;
    }

    /** Values {@code [offset, offset + h·w)} as grey, {@code low} black and {@code high} white. */
    private static void drawGrey(
            Graphics2D g, float[] v, int offset, int h, int w, int x, int y, float low, float high) {
        float range = high - low;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                float t = range > 0 ? (v[offset + i * w + j] - low) / range : 0f;
                int grey = Math.round(255 * Math.max(0f, Math.min(1f, t)));
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x + j * MAP_ZOOM, y + i * MAP_ZOOM, MAP_ZOOM, MAP_ZOOM);
            }
        }
    }

    /** A bar from {@code -scale} to {@code +scale} with its ends written. */
    private static void drawScale(Graphics2D g, float scale, int x, int y) {
        int width = 256;
        for (int i = 0; i < width; i++) {
            g.setColor(diverging(2f * i / (width - 1) - 1f));
            g.fillRect(x + i, y, 1, 12);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "%+.3f", -scale), x, y + 26);
        g.drawString("0", x + width / 2 - 3, y + 26);
        g.drawString(String.format(Locale.ROOT, "%+.3f", scale), x + width - 40, y + 26);
        g.drawString("weights: blue negative, white 0, red positive (one scale for all)", x + width + 16, y + 11);
    }

    private static void label(Graphics2D g, int index, int x, int y) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(Integer.toString(index + 1), x, y + LABEL - 3);
    }

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static void text(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
    }

    private static void write(BufferedImage image, Path file) {
        try {
            PictureFiles.writePng(image, file);
        } catch (IOException e) {
            throw IoFailures.failure("write the image", file, e);
        }
    }
}

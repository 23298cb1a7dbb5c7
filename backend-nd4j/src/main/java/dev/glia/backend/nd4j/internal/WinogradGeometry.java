package dev.glia.backend.nd4j.internal;

import dev.glia.api.Shape;
import dev.glia.api.Window2D;
import dev.glia.kernels.java.Winograd;

/**
 * The tiling of one stride-1 convolution for {@link WinogradCalls}: input {@code [N, C, H, W]}, {@code K} filters
 * of {@code r×r}, output {@code [N, K, OH, OW]} cut into {@code TH × TW} tiles of {@code m×m} ({@code m = α - r + 1}),
 * the last row and column of tiles running past the output's edge where {@code m} does not divide it.
 */
record WinogradGeometry(
        int alpha,
        int batch,
        int channels,
        int height,
        int width,
        int filters,
        int kernel,
        int tile,
        int padTop,
        int padLeft,
        int outHeight,
        int outWidth,
        int tilesHigh,
        int tilesWide) {

    /** The most points per transformed tile. */
    static final int MAX_POINTS = Winograd.MAX_ALPHA * Winograd.MAX_ALPHA;

    static WinogradGeometry of(Shape input, int filters, Window2D w) {
        int r = w.kernelHeight();
        int alpha = Winograd.alphaFor(r);
        int m = alpha - r + 1;
        int oh = w.outputHeight(input.dim(2));
        int ow = w.outputWidth(input.dim(3));
        return new WinogradGeometry(
                alpha,
                input.dim(0),
                input.dim(1),
                input.dim(2),
                input.dim(3),
                filters,
                r,
                m,
                w.padTop(),
                w.padLeft(),
                oh,
                ow,
                (oh + m - 1) / m,
                (ow + m - 1) / m);
    }

    /** Points per transformed tile, α². */
    int points() {
        return alpha * alpha;
    }

    /** Tiles per sample. */
    int tiles() {
        return tilesHigh * tilesWide;
    }

    /** Input pixels per channel. */
    int pixels() {
        return height * width;
    }

    /** Output positions per filter. */
    int positions() {
        return outHeight * outWidth;
    }

    /** Floats of the transformed input of {@code samples} samples: {@code α² · tiles · samples · C}. */
    long transformedInputs(int samples) {
        return (long) points() * tiles() * samples * channels;
    }
}

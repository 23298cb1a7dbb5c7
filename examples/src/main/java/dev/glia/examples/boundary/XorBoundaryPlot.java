package dev.glia.examples.boundary;

import dev.glia.api.Backend;
import dev.glia.api.Loss;
import dev.glia.api.Parameter;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.examples.options.IoFailures;
import dev.glia.examples.pictures.ChartGrid;
import dev.glia.examples.pictures.PictureFiles;
import dev.glia.examples.xor.XorLesson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * Draws what the XOR lesson's two trained networks learned, side by side in one PNG: the 2-8-1 tanh/sigmoid
 * network, whose region of "1" bends around (0,1) and (1,0), and the same network with identity
 * activations, which is one affine map and can only cut the plane with a straight line.
 *
 * <p>The networks are trained here exactly as {@link XorLesson} trains them (same seed, layers, loss,
 * optimiser and stopping rule), so the picture belongs to the numbers that {@code glia xor} prints. Each
 * is then evaluated on a {@value #GRID}×{@value #GRID} grid over [-0.5, 1.5]² on the backend.
 *
 * <pre>{@code
 * XorBoundaryPlot.Result r = XorBoundaryPlot.draw(backend, Path.of("xor.png"));
 * }</pre>
 */
public final class XorBoundaryPlot {
    /** Grid points per side. */
    public static final int GRID = 81;
    /** The plotted square runs from {@code LOW} to {@code HIGH} on both axes. */
    public static final double LOW = -0.5;
    /** See {@link #LOW}. */
    public static final double HIGH = 1.5;
    /** Width of the whole picture in pixels (two charts). */
    public static final int WIDTH = 1280;
    /** Height of the picture in pixels. */
    public static final int HEIGHT = 560;

    private XorBoundaryPlot() {}

    /**
     * What was drawn.
     *
     * @param file          the PNG
     * @param trainedRight  how many of the four XOR inputs the tanh/sigmoid network classifies right (output
     *                      on the right side of 0.5)
     * @param linearRight   the same for the network without activations
     */
    public record Result(Path file, int trainedRight, int linearRight) {
        /** One line for the command line. */
        public String summary() {
            return "Decision boundaries drawn to " + file + ": the tanh/sigmoid network gets " + trainedRight
                    + " of 4 XOR inputs right, the network without activations " + linearRight + " of 4.";
        }
    }

    /**
     * Trains both networks on {@code backend} (borrowed, not closed) and writes the picture to {@code file}
     * (its folder is created). A file that cannot be written is an {@link java.io.UncheckedIOException} saying
     * why, e.g. {@code cannot write the plot /x/xor.png: permission denied}.
     */
    public static Result draw(Backend backend, Path file) {
        Objects.requireNonNull(backend, "backend");
        float[][] grid = grid();
        BoundaryPanel trained;
        BoundaryPanel linear;
        try (Network net = Network.builder(backend)
                .seed(XorLesson.SEED)
                .input(2)
                .dense(XorLesson.HIDDEN_UNITS, "tanh")
                .dense(1, "sigmoid")
                .build()) {
            net.fit(data(), options(Losses.binaryCrossEntropy()));
            trained = new BoundaryPanel(
                    "2-" + XorLesson.HIDDEN_UNITS + "-1, tanh then sigmoid",
                    column(net.predict(grid)),
                    column(net.predict(XorLesson.inputs())));
        }
        try (Network net = Network.builder(backend)
                .seed(XorLesson.SEED)
                .input(2)
                .dense(XorLesson.HIDDEN_UNITS, "identity")
                .dense(1, "identity")
                .build()) {
            net.fit(data(), options(Losses.mse()));
            try (Network folded = net.foldAffine()) {
                double[] affine = affineMap(folded);
                linear = new BoundaryPanel(
                        "2-" + XorLesson.HIDDEN_UNITS + "-1, no activation: one affine map",
                        evaluate(affine, grid),
                        evaluate(affine, XorLesson.inputs()));
            }
        }
        List<XYChart> charts = List.of(trained.chart(WIDTH / 2, HEIGHT), linear.chart(WIDTH / 2, HEIGHT));
        try {
            PictureFiles.writePng(ChartGrid.compose(charts, 2, WIDTH / 2, HEIGHT), file);
        } catch (IOException e) {
            throw IoFailures.failure("write the plot", file, e);
        }
        return new Result(file, trained.correct(), linear.correct());
    }

    /** The grid points, row by row: x1 varies fastest. */
    static float[][] grid() {
        float[][] points = new float[GRID * GRID][];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                points[j * GRID + i] = new float[] {(float) coordinate(i), (float) coordinate(j)};
            }
        }
        return points;
    }

    /** The coordinate of grid index {@code i}. */
    static double coordinate(int i) {
        return LOW + (HIGH - LOW) * i / (GRID - 1);
    }

    /**
     * {@code [w1, w2, b]} of the one layer that a network without activations folds into. Its outputs
     * stay within float32 rounding of 0.5 over the whole square, so thresholding the float32 outputs
     * would draw rounding noise; evaluating {@code w1 x1 + w2 x2 + b} in float64 draws the straight
     * line that the affine map really cuts along.
     */
    private static double[] affineMap(Network folded) {
        List<Parameter> p = folded.parameters();
        if (folded.layers().size() != 1 || p.size() != 2) {
            throw new IllegalStateException("Expected one dense layer after foldAffine(), got " + folded.summary());
        }
        double[] w = p.get(0).value().toDoubleArray();
        double[] b = p.get(1).value().toDoubleArray();
        return new double[] {w[0], w[1], b[0]};
    }

    private static double[] evaluate(double[] affine, float[][] points) {
        double[] v = new double[points.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = affine[0] * points[i][0] + affine[1] * points[i][1] + affine[2];
        }
        return v;
    }

    private static double[] column(float[][] outputs) {
        double[] v = new double[outputs.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = outputs[i][0];
        }
        return v;
    }

    /** The lesson's training options (see {@code XorLesson}). */
    private static TrainingOptions options(Loss loss) {
        return TrainingOptions.builder()
                .loss(loss)
                .optimizer(Optimizers.adam(XorLesson.LEARNING_RATE))
                .batchSize(XorLesson.TARGETS.size())
                .epochs(XorLesson.MAX_EPOCHS)
                .targetLoss(XorLesson.TARGET_LOSS)
                .shuffle(false)
                .seed(XorLesson.SEED)
                .build();
    }

    private static Dataset data() {
        float[][] targets = new float[XorLesson.TARGETS.size()][];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new float[] {XorLesson.TARGETS.get(i).floatValue()};
        }
        return Dataset.of(XorLesson.inputs(), targets);
    }
}

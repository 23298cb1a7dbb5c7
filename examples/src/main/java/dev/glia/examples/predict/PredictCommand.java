package dev.glia.examples.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.io.ModelDescription;
import dev.glia.core.io.ModelFile;
import dev.glia.examples.fashion.FashionTraining;
import dev.glia.examples.options.BackendChoice;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glia predict --model FILE IMAGE...}: classifies images with a saved model and prints, per image, the
 * most likely class and the two runners-up, with their probabilities when the model's outputs are a
 * probability distribution (see {@link OutputMeaning}) and as scores otherwise. A missing or damaged model
 * stops at once with a one-line error and status 1. A bad image (missing, not a regular file, corrupt, wrong
 * size) or a non-finite output gets its own one-line error on standard error; the other images are still
 * classified, and the status is 1 if any image failed.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Classifies 28x28 grey-scale images (PNG, or any format the JDK reads) with a model saved by"
                    + " 'glia fashion --out DIR' (the MLP or the CNN: each image is given in the model's input"
                    + " shape, [784] or [1, 28, 28]).",
            "Images are read like Fashion-MNIST: light object on a black background, pixel/255. Other sizes "
                    + "are an error unless --resize is given.",
            "Prints probabilities when the model's last layer is softmax (or one sigmoid unit), scores otherwise."
                    + " Exits with status 1 if any image could not be classified."
        })
public final class PredictCommand implements Callable<Integer> {
    /** Images decoded and classified together, which bounds the memory a long list of images takes. */
    static final int CHUNK = 256;
    /** Exit status when any image failed: {@code glia}'s status for a failed run. */
    static final int FAILURE = 1;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    private Path model;

    @Option(
            names = "--resize",
            description = "Scale images of another size (up to 4096x4096 pixels) to the" + " model's input size.")
    private boolean resize;

    @Option(names = "--invert", description = "Invert grey levels (for dark objects on a light background).")
    private boolean invert;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to classify.")
    private List<Path> images;

    /** Creates the command; picocli fills in the options. */
    public PredictCommand() {
        // set by picocli
    }

    @Override
    public Integer call() {
        ModelDescription description = ModelFile.describe(model);
        Shape input = description.inputShape();
        int side = imageSide(model, input);
        OutputMeaning meaning = OutputMeaning.of(description);
        List<String> names = classNames(description, meaning.classes(description.outputWidth()));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        String backendName;
        try (Backend backend = backendChoice.open();
                Network net = ModelFile.load(model, backend)) {
            backendName = backend.name();
            for (int from = 0; from < images.size(); from += CHUNK) {
                failed += classify(
                        net,
                        images.subList(from, Math.min(images.size(), from + CHUNK)),
                        side,
                        input,
                        meaning,
                        names,
                        out,
                        err);
            }
        }
        StringBuilder summary = new StringBuilder(
                "(model " + model + ", " + images.size() + " image" + (images.size() == 1 ? "" : "s"));
        if (failed > 0) {
            summary.append(", ").append(failed).append(" failed");
        }
        summary.append(", backend ").append(backendName);
        if (!meaning.isProbability()) {
            var last = description.layers().get(description.layers().size() - 1);
            String kind = last.activation() != null ? last.activation() : "a " + last.type() + " layer";
            summary.append("; outputs are scores, not probabilities: the last layer is ")
                    .append(kind)
                    .append(", not softmax");
        }
        out.println(summary.append(')'));
        out.flush();
        return failed > 0 ? FAILURE : 0;
    }

    /** Reads and classifies {@code chunk}, one line each on {@code out} or {@code err}; the number that failed. */
    private int classify(
            Network net,
            List<Path> chunk,
            int side,
            Shape input,
            OutputMeaning meaning,
            List<String> names,
            PrintWriter out,
            PrintWriter err) {
        int failed = 0;
        List<Path> read = new ArrayList<>();
        List<float[]> x = new ArrayList<>();
        for (Path image : chunk) {
            try {
                x.add(ImageInput.read(image, side, resize, invert));
                read.add(image);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                fail(err, e.getMessage());
                failed++;
            }
        }
        if (x.isEmpty()) {
            return failed;
        }
        float[] flat = new float[x.size() * input.size()];
        for (int i = 0; i < x.size(); i++) {
            System.arraycopy(x.get(i), 0, flat, i * input.size(), input.size());
        }
        float[] outputs = net.predict(Dataset.of(flat, input, new float[x.size()], 1));
        int width = net.outputWidth();
        float[][] y = new float[x.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = Arrays.copyOfRange(outputs, i * width, (i + 1) * width);
        }
        for (int i = 0; i < y.length; i++) {
            String bad = firstNonFinite(y[i]);
            if (bad != null) {
                fail(
                        err,
                        "Model " + model + " gave " + bad + " for image " + read.get(i) + "; the model overflows on"
                                + " this input, so it has no prediction for it");
                failed++;
            } else {
                out.println(read.get(i) + ": " + ranking(meaning.perClass(y[i]), names, meaning.isProbability()));
            }
        }
        out.flush();
        return failed;
    }

    /**
     * The side of the square grey-scale images a model with per-sample input {@code shape} takes: a flat image
     * {@code [side·side]} (the MLP of {@code glia fashion}), {@code [side, side]}, or one channel
     * {@code [1, side, side]} (its CNN). Anything else is refused with a message naming the model file.
     */
    static int imageSide(Path model, Shape shape) {
        int[] dims = shape.dims();
        int side = -1;
        if (dims.length == 1) {
            int s = (int) Math.round(Math.sqrt(dims[0]));
            side = (long) s * s == dims[0] ? s : -1;
        } else if (dims.length == 2 && dims[0] == dims[1]) {
            side = dims[0];
        } else if (dims.length == 3 && dims[0] == 1 && dims[1] == dims[2]) {
            side = dims[1];
        }
        if (side < 1) {
            throw new IllegalArgumentException("Model " + model + " takes inputs of shape " + shape + ", not one"
                    + " square grey-scale image; glia predict needs a model such as 'glia fashion' saves: [784]"
                    + " (28x28, the MLP) or [1, 28, 28] (the CNN)");
        }
        return side;
    }

    private static void fail(PrintWriter err, String message) {
        err.println("glia: " + message);
        err.flush();
    }

    /** Null if every value is finite, else the first bad one in words ({@code NaN}, {@code Infinity}) and its index. */
    static String firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return values[i] + " (output " + i + ")";
            }
        }
        return null;
    }

    /**
     * The most likely class and two runners-up: {@code Shirt (81.2%); next: T-shirt/top 9.0%, Pullover 4.1%}
     * for probabilities, {@code class 3 (score 7.068); next: class 1 4.120, class 7 0.5000} for scores.
     */
    static String ranking(double[] v, List<String> names, boolean probabilities) {
        List<Integer> ranked = IntStream.range(0, v.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -v[c]))
                .toList();
        int best = ranked.get(0);
        StringBuilder line = new StringBuilder(names.get(best))
                .append(
                        probabilities
                                ? String.format(Locale.ROOT, " (%.1f%%)", 100 * v[best])
                                : String.format(Locale.ROOT, " (score %.4g)", v[best]));
        int shown = Math.min(3, v.length);
        if (shown > 1) {
            line.append("; next:");
            for (int k = 1; k < shown; k++) {
                int c = ranked.get(k);
                line.append(' ')
                        .append(names.get(c))
                        .append(' ')
                        .append(
                                probabilities
                                        ? String.format(Locale.ROOT, "%.1f%%", 100 * v[c])
                                        : String.format(Locale.ROOT, "%.4g", v[c]));
                if (k + 1 < shown) {
                    line.append(',');
                }
            }
        }
        return line.toString();
    }

    /** The {@code k} class names saved with the model, else {@code class 0}, {@code class 1}, ... */
    static List<String> classNames(ModelDescription description, int k) {
        String saved = description.metadata().get(FashionTraining.CLASSES_KEY);
        if (saved != null) {
            try {
                JsonNode array = new ObjectMapper().readTree(saved);
                if (array.isArray() && array.size() == k) {
                    List<String> names = new ArrayList<>();
                    array.forEach(n -> names.add(n.asText()));
                    return names;
                }
            } catch (java.io.IOException e) {
                // fall through to numbered classes
            }
        }
        return IntStream.range(0, k).mapToObj(c -> "class " + c).toList();
    }
}

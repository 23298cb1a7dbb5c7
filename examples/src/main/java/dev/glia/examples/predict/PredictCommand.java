package dev.glia.examples.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.io.ModelDescription;
import dev.glia.core.io.ModelFile;
import dev.glia.examples.fashion.FashionTraining;
import dev.glia.examples.options.BackendChoice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * most likely class with its probability and the two runners-up. A missing or damaged model, or an image of
 * the wrong size, stops with a one-line error and status 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies 28x28 grey-scale images (PNG, or any format the JDK reads) with a model saved by"
                + " 'glia fashion --out DIR'.",
                "Images are read like Fashion-MNIST: light object on a black background, pixel/255. Other sizes "
                        + "are an error unless --resize is given."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    private Path model;

    @Option(names = "--resize", description = "Scale images of another size to the model's input size.")
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
        int inputs = description.inputWidth();
        int side = (int) Math.round(Math.sqrt(inputs));
        if (side * side != inputs) {
            throw new IllegalArgumentException("Model " + model + " takes " + inputs + " inputs, not a square image");
        }
        List<String> names = classNames(description);
        float[][] x = new float[images.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = ImageInput.read(images.get(i), side, resize, invert);
        }
        float[][] y;
        String backendName;
        try (Backend backend = backendChoice.open(); Network net = ModelFile.load(model, backend)) {
            y = net.predict(x);
            backendName = backend.name();
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < y.length; i++) {
            float[] p = y[i];
            List<Integer> ranked = IntStream.range(0, p.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer c) -> -p[c])).toList();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %s (%.1f%%)", images.get(i),
                    names.get(ranked.get(0)), 100 * p[ranked.get(0)]));
            if (p.length > 1) {
                line.append("; next:");
                for (int k = 1; k < Math.min(3, p.length); k++) {
                    line.append(String.format(Locale.ROOT, " %s %.1f%%%s", names.get(ranked.get(k)),
                            100 * p[ranked.get(k)], k + 1 < Math.min(3, p.length) ? "," : ""));
                }
            }
            out.println(line);
        }
        out.println("(model " + model + ", " + y.length + " image" + (y.length == 1 ? "" : "s") + ", backend "
                + backendName + ")");
        out.flush();
        return 0;
    }

    /** The class names saved with the model, else {@code class 0}, {@code class 1}, ... */
    static List<String> classNames(ModelDescription description) {
        int k = description.outputWidth();
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

package dev.glia.examples.fashion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glia.core.TrainingHistory;
import dev.glia.core.eval.ConfusionMatrix;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Renders a {@link FashionResult} as a readable report or as one JSON object. */
public final class FashionReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FashionReport() {}

    /** The header printed before training: backend, data and network. */
    public static String before(FashionResultHeader h) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Fashion-MNIST image classifier");
        line(sb, "Backend: %s - %s", h.backend(), h.backendDescription());
        line(sb, "Data: %s", h.dataSource());
        line(
                sb,
                "Network: %s %s (%s), softmax cross-entropy, Adam (learning rate %s),"
                        + " batches of %d, at most %d epochs, early stopping after %d epochs without a better validation loss,"
                        + " seed %d",
                h.settings().model() == FashionModel.CNN ? "CNN" : "MLP",
                h.architecture(),
                h.settings().model() == FashionModel.CNN
                        ? "valid 5x5 convolutions, ReLU hidden layers, softmax output"
                        : "ReLU hidden layers, softmax output",
                h.settings().learningRate(),
                h.settings().batchSize(),
                h.settings().epochs(),
                h.settings().patience(),
                h.settings().seed());
        return sb.toString();
    }

    /**
     * What {@link #before} needs, known before training.
     *
     * @param backend            the backend's name
     * @param backendDescription its description
     * @param dataSource         where the images come from
     * @param architecture       the layers (see {@link FashionNetworks#architecture})
     * @param settings           the settings
     */
    public record FashionResultHeader(
            String backend,
            String backendDescription,
            String dataSource,
            String architecture,
            FashionSettings settings) {}

    /** The results after training: training summary, test accuracy, confusion matrix and per-class scores. */
    public static String after(FashionResult r, List<String> names) {
        StringBuilder sb = new StringBuilder();
        TrainingHistory h = r.history();
        line(
                sb,
                "Images: %,d training, %,d validation, %,d test",
                r.trainSize(),
                r.validationSize(),
                r.confusion().total());
        line(
                sb,
                "Training: %d epochs in %.1f s (%,.0f samples/s), %,d parameters; %s",
                h.epochs(),
                r.trainingSeconds(),
                r.samplesPerSecond(),
                r.parameters(),
                h.stopReason());
        if (h.bestEpoch() > 0) {
            line(
                    sb,
                    "Best epoch: %d (validation loss %.4f, validation accuracy %.2f%%)%s",
                    h.bestEpoch(),
                    h.validationLosses().get(h.bestEpoch() - 1),
                    100 * h.validationAccuracies().get(h.bestEpoch() - 1),
                    h.restoredBestWeights() ? "; its weights were restored" : "");
        }
        ConfusionMatrix m = r.confusion();
        line(
                sb,
                "Test accuracy: %.2f%% (%,d of %,d) of the %s on %s",
                100 * m.accuracy(),
                m.correct(),
                m.total(),
                r.settings().model() == FashionModel.CNN ? "CNN" : "MLP",
                r.backend());
        line(sb, "");
        line(sb, "Confusion matrix of the test set (rows: true class, columns: predicted class)");
        sb.append(m.toText(names));
        line(sb, "");
        sb.append(m.report(names));
        return sb.toString();
    }

    /** The result as one JSON object (no trailing line break); {@code charts} are the pictures written. */
    public static String json(FashionResult r, List<String> names, List<Path> charts) {
        ObjectNode root = MAPPER.createObjectNode();
        ConfusionMatrix m = r.confusion();
        TrainingHistory h = r.history();
        root.put("testAccuracy", m.accuracy());
        root.put("epochs", h.epochs());
        root.put("samplesPerSecond", r.samplesPerSecond());
        root.put("backend", r.backend());
        root.put("backendDescription", r.backendDescription());
        root.put("modelFile", r.modelFile() == null ? null : r.modelFile().toString());
        root.put("trainingSeconds", r.trainingSeconds());
        root.put("bestEpoch", h.bestEpoch());
        root.put("restoredBestWeights", h.restoredBestWeights());
        root.put("stopReason", h.stopReason());
        root.put("data", r.dataSource());
        root.put("model", r.settings().model().id());
        root.put("architecture", r.architecture());
        root.put("parameters", r.parameters());
        root.put("trainSize", r.trainSize());
        root.put("validationSize", r.validationSize());
        root.put("testSize", m.total());
        root.put("macroF1", m.macroF1());
        ArrayNode classes = root.putArray("classes");
        names.forEach(classes::add);
        ArrayNode matrix = root.putArray("confusionMatrix");
        for (long[] row : m.counts()) {
            ArrayNode r2 = matrix.addArray();
            for (long c : row) {
                r2.add(c);
            }
        }
        ArrayNode perClass = root.putArray("perClass");
        for (int c = 0; c < m.classes(); c++) {
            perClass.addObject()
                    .put("class", names.get(c))
                    .put("precision", m.precision(c))
                    .put("recall", m.recall(c))
                    .put("f1", m.f1(c))
                    .put("support", m.support(c));
        }
        ObjectNode history = root.putObject("history");
        h.epochLosses().forEach(history.putArray("loss")::add);
        h.validationLosses().forEach(history.putArray("validationLoss")::add);
        h.validationAccuracies().forEach(history.putArray("validationAccuracy")::add);
        ArrayNode files = root.putArray("charts");
        charts.forEach(p -> files.add(p.toString()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write the result as JSON", e);
        }
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

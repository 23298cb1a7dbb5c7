package dev.glia.examples.fashion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.data.LabelledImages;
import dev.glia.core.eval.ConfusionMatrix;
import dev.glia.core.eval.Evaluation;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains and evaluates the Fashion-MNIST classifier (the MLP or the CNN of {@link FashionNetworks}) on a
 * backend: holds out a seeded random validation set, trains with early stopping on the validation loss
 * (restoring the best epoch's weights), measures the test set, and optionally saves the model with its class
 * names. For the CNN it also reads the first convolution's filters and feature maps ({@link FirstConvolution}).
 */
public final class FashionTraining {
    /** Metadata key of the class names (a JSON array) in saved models. */
    public static final String CLASSES_KEY = "classes";
    /** Metadata key of the input convention in saved models. */
    public static final String INPUT_KEY = "input";
    /** The input convention written into saved models. */
    public static final String INPUT_CONVENTION = "28x28 grey-scale, row-major, pixel/255 (light object on black)";

    /** Metadata key of the kind of network in saved models: {@code mlp} or {@code cnn}. */
    public static final String MODEL_KEY = "model";
    /** The test image whose feature maps the CNN's pictures show: the first. */
    static final int FEATURE_MAP_IMAGE = 0;

    private FashionTraining() {}

    /**
     * Runs the whole experiment. {@code modelFile} (or null) receives the trained network. An empty test or
     * training set, or a validation split that leaves nothing to train on, is refused before training.
     */
    public static FashionResult run(
            Backend backend,
            FashionMnist.Data data,
            FashionSettings settings,
            List<TrainingListener> listeners,
            Path modelFile) {
        if (data.test().size() == 0) {
            throw new IllegalArgumentException("The test set of " + data.source() + " holds no images, so the"
                    + " trained network could not be evaluated; give a data set with test images");
        }
        LabelledImages all = data.train();
        int validationSize = settings.validationSizeFor(all.size());
        int[] order = permutation(all.size(), new Random(settings.seed()));
        int[] trainIdx = java.util.Arrays.copyOfRange(order, validationSize, order.length);
        int[] validationIdx = java.util.Arrays.copyOfRange(order, 0, validationSize);
        int side = all.height();
        Shape sample = FashionNetworks.sampleShape(settings.model(), side);
        Dataset train = all.select(trainIdx).toDataset().withSampleShape(sample);
        Dataset validation = validationSize == 0
                ? null
                : all.select(validationIdx).toDataset().withSampleShape(sample);
        Dataset test = data.test().toDataset().withSampleShape(sample);
        int classes = FashionMnist.CLASS_NAMES.size();

        try (Network net = FashionNetworks.build(backend, settings, side, classes)) {
            TrainingOptions.Builder options = TrainingOptions.builder()
                    .loss(Losses.softmaxCrossEntropy())
                    .optimizer(Optimizers.adam(settings.learningRate()))
                    .epochs(settings.epochs())
                    .batchSize(settings.batchSize())
                    .seed(settings.seed());
            if (validation != null) {
                options.validation(validation).validationAccuracy(true);
                if (settings.patience() > 0) {
                    options.earlyStopping(settings.patience());
                }
            }
            listeners.forEach(options::listener);
            long start = System.nanoTime();
            TrainingHistory history = net.fit(train, options.build());
            double seconds = (System.nanoTime() - start) / 1e9;

            int[] predicted = Evaluation.predictClasses(net, test);
            ConfusionMatrix confusion = ConfusionMatrix.of(classes, data.test().labels(), predicted);
            if (modelFile != null) {
                ModelFile.save(net, modelFile, metadata(data, settings, confusion.accuracy(), history));
            }
            FirstConvolution firstConvolution = settings.model() == FashionModel.CNN
                    ? FirstConvolution.of(net, test.features(FEATURE_MAP_IMAGE), FEATURE_MAP_IMAGE)
                    : null;
            return new FashionResult(
                    backend.name(),
                    backend.description(),
                    data.source(),
                    settings.architecture(side, classes),
                    net.parameterCount(),
                    train.size(),
                    validationSize,
                    settings,
                    history,
                    confusion,
                    predicted,
                    seconds,
                    (double) history.epochs() * train.size() / seconds,
                    modelFile,
                    firstConvolution);
        }
    }

    private static Map<String, String> metadata(
            FashionMnist.Data data, FashionSettings settings, double accuracy, TrainingHistory history) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            m.put(CLASSES_KEY, new ObjectMapper().writeValueAsString(FashionMnist.CLASS_NAMES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.put(INPUT_KEY, INPUT_CONVENTION);
        m.put("dataset", "Fashion-MNIST, " + data.source());
        m.put(MODEL_KEY, settings.model().id());
        m.put("testAccuracy", String.format(Locale.ROOT, "%.4f", accuracy));
        m.put("epochs", Integer.toString(history.epochs()));
        return m;
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

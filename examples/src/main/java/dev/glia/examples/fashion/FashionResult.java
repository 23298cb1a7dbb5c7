package dev.glia.examples.fashion;

import dev.glia.core.TrainingHistory;
import dev.glia.core.eval.ConfusionMatrix;
import java.nio.file.Path;

/**
 * What a {@code glia fashion} run measured.
 *
 * @param backend            the backend's name
 * @param backendDescription its one-line description
 * @param dataSource         where the images came from
 * @param architecture       the layers, e.g. {@code 784-256-128-10} (see {@link FashionNetworks#architecture})
 * @param parameters         trainable parameters
 * @param trainSize          images trained on
 * @param validationSize     images held out for validation
 * @param settings           the settings used
 * @param history            loss and accuracy per epoch, the best epoch, why training stopped
 * @param confusion          the confusion matrix on the test images (of the restored best weights)
 * @param testPredictions    the predicted class of every test image
 * @param trainingSeconds    wall time of {@code fit}, validation included
 * @param samplesPerSecond   training samples per second of that time
 * @param modelFile          the saved model, or null
 * @param firstConvolution   the CNN's first convolution, its filters and the feature maps of a test image; null
 *                           for the MLP
 */
@SuppressWarnings("ArrayRecordComponent") // a report of one run, never compared
public record FashionResult(
        String backend,
        String backendDescription,
        String dataSource,
        String architecture,
        long parameters,
        int trainSize,
        int validationSize,
        FashionSettings settings,
        TrainingHistory history,
        ConfusionMatrix confusion,
        int[] testPredictions,
        double trainingSeconds,
        double samplesPerSecond,
        Path modelFile,
        FirstConvolution firstConvolution) {

    /** The share of test images classified correctly. */
    public double testAccuracy() {
        return confusion.accuracy();
    }
}

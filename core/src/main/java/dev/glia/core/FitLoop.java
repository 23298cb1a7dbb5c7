package dev.glia.core;

import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of {@link Network#fit}: shuffling, mini-batches, validation, listeners, the target loss, and
 * early stopping with the best weights kept on the backend.
 */
final class FitLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FitLoop.class);

    private FitLoop() {}

    static TrainingHistory run(Network net, Dataset data, TrainingOptions options) {
        Optimizer optimizer = options.optimizer();
        TrainingHistory history = new TrainingHistory();
        Random shuffler = new Random(options.seed());
        int n = data.size();
        int[] order = Network.identity(n);
        int batches = (int) ((n + (long) options.batchSize() - 1) / options.batchSize()); // no overflow
        List<Parameter> parameters = net.parameters();
        List<TrainingListener> listeners = options.listeners();
        listeners.forEach(l -> l.trainingStarted(options.epochs(), options.batchSize(), n));
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        try (WeightSnapshot best = new WeightSnapshot(parameters, net.stateBuffers())) {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                if (options.shuffle()) {
                    Network.shuffle(order, shuffler);
                }
                double lossSum = 0;
                long weightSum = 0;
                for (int batch = 0; batch < batches; batch++) {
                    int from = batch * options.batchSize();
                    int count = Math.min(options.batchSize(), n - from);
                    double loss = net.trainStep(data, order, from, count, options.loss(), optimizer, parameters);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(epoch, batch + 1, loss);
                    }
                    int weight = data.weight(order, from, count); // samples, or unmasked steps
                    lossSum += loss * weight;
                    weightSum += weight;
                    history.recordStep();
                    for (TrainingListener l : listeners) {
                        l.batchEnded(epoch, batch + 1, batches, loss);
                    }
                }
                double epochLoss = weightSum == 0 ? 0 : lossSum / weightSum;
                double validationLoss = Double.NaN;
                double accuracy = Double.NaN;
                if (options.validation() != null) {
                    double[] v = net.evaluate(options.validation(), options.loss(), options.validationAccuracy());
                    validationLoss = v[0];
                    accuracy = v[1];
                    if (validationLoss < bestLoss) {
                        bestLoss = validationLoss;
                        bestEpoch = epoch;
                        if (options.patience() > 0 && options.restoreBestWeights()) {
                            best.save();
                        }
                    }
                }
                history.recordEpoch(epochLoss, validationLoss, accuracy);
                history.bestEpoch(bestEpoch);
                EpochResult result =
                        new EpochResult(epoch, options.epochs(), epochLoss, validationLoss, accuracy, bestEpoch);
                listeners.forEach(l -> l.epochEnded(result));
                if (epochLoss <= options.targetLoss()) {
                    history.stoppedBecause("loss " + epochLoss + " reached the target " + options.targetLoss());
                    break;
                }
                if (options.patience() > 0 && epoch - bestEpoch >= options.patience()) {
                    history.stoppedBecause(String.format(
                            Locale.ROOT,
                            "early stopping: the validation loss has not"
                                    + " improved for %d epochs; the best was %.6g after epoch %d",
                            epoch - bestEpoch,
                            bestLoss,
                            bestEpoch));
                    break;
                }
            }
            if (best.isSaved() && bestEpoch != history.epochs()) {
                best.restore();
                history.markRestored();
                LOG.info(
                        "Restored the weights of epoch {} (validation loss {}) after {} epochs",
                        bestEpoch,
                        bestLoss,
                        history.epochs());
            }
        }
        listeners.forEach(l -> l.trainingEnded(history));
        return history;
    }
}

package dev.glia.core;

import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.StatefulLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of {@link Network#fit}: shuffling, mini-batches, validation, listeners, the target loss, and
 * early stopping with the best weights kept on the backend. With truncated backpropagation through time each
 * batch is trained chunk after chunk of time steps, the stateful layers reset before its first chunk and carrying
 * their state from one chunk into the next.
 */
final class FitLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FitLoop.class);
    /** Samples per evaluation pass over chunked validation data (as {@link Network#evaluate} batches). */
    private static final int VALIDATION_BLOCK = 256;

    private FitLoop() {}

    static TrainingHistory run(Network net, Dataset data, TrainingOptions options) {
        Optimizer optimizer = options.optimizer();
        TrainingHistory history = new TrainingHistory();
        Random shuffler = new Random(options.seed());
        int n = data.size();
        int[] order = Network.identity(n);
        int batches = (int) ((n + (long) options.batchSize() - 1) / options.batchSize()); // no overflow
        List<Parameter> parameters = net.parameters();
        List<StatefulLayer> stateful = statefulLayers(net);
        Dataset[] chunks = chunks(net, data, options.truncatedBptt(), "training");
        Dataset[][] validation = options.validation() == null
                ? null
                : validationBlocks(net, options.validation(), options.truncatedBptt());
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
                    double batchLoss = 0;
                    long batchWeight = 0;
                    for (int c = 0; c < chunks.length; c++) {
                        if (c == 0 && options.truncatedBptt() > 0) {
                            stateful.forEach(StatefulLayer::resetState);
                        }
                        double loss =
                                net.trainStep(chunks[c], order, from, count, options.loss(), optimizer, parameters);
                        if (!Double.isFinite(loss)) {
                            throw new TrainingDivergedException(
                                    epoch, batch + 1, loss, data.firstNonFinite(order, from, count));
                        }
                        int weight = chunks[c].weight(order, from, count); // samples, or unmasked steps
                        batchLoss += loss * weight;
                        batchWeight += weight;
                        history.recordStep();
                        if (c < chunks.length - 1) {
                            stateful.forEach(StatefulLayer::carryState);
                        }
                    }
                    lossSum += batchLoss;
                    weightSum += batchWeight;
                    double loss = batchWeight == 0 ? 0 : batchLoss / batchWeight;
                    for (TrainingListener l : listeners) {
                        l.batchEnded(epoch, batch + 1, batches, loss);
                    }
                }
                double epochLoss = weightSum == 0 ? 0 : lossSum / weightSum;
                double validationLoss = Double.NaN;
                double accuracy = Double.NaN;
                if (validation != null) {
                    double[] v = validate(net, validation, options, stateful);
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
        } finally {
            if (options.truncatedBptt() > 0) {
                stateful.forEach(StatefulLayer::resetState);
            }
        }
        listeners.forEach(l -> l.trainingEnded(history));
        return history;
    }

    private static List<StatefulLayer> statefulLayers(Network net) {
        List<StatefulLayer> stateful = new ArrayList<>();
        net.layers().forEach(l -> {
            if (l instanceof StatefulLayer s) {
                stateful.add(s);
            }
        });
        return stateful;
    }

    /**
     * The data as chunks of time steps in order: the data itself without truncated BPTT or when its samples are
     * already the network's input, else its samples cut into chunks of the network's input.
     */
    private static Dataset[] chunks(Network net, Dataset data, int steps, String what) {
        if (steps == 0) {
            return new Dataset[] {data};
        }
        Shape in = net.inputShape();
        if (in.dim(0) != steps) {
            throw new IllegalArgumentException("truncatedBptt(" + steps + ") trains chunks of " + steps
                    + " time steps, but the network's input is " + in + "; build the network with an input of "
                    + steps + " steps, [" + steps + (in.rank() > 1 ? ", ..." : "") + "]");
        }
        if (data.featureWidth() == net.inputWidth()) {
            return new Dataset[] {data};
        }
        if (data.featureWidth() % net.inputWidth() != 0) {
            throw new IllegalArgumentException("truncatedBptt(" + steps + "): the " + what + " samples are "
                    + data.sampleShape() + " (" + data.featureWidth() + " values), not a whole number of chunks of "
                    + in + " (" + net.inputWidth() + " values)");
        }
        Dataset[] chunks = data.timeChunks(data.featureWidth() / net.inputWidth(), what);
        for (Dataset chunk : chunks) {
            net.checkWidth(chunk);
        }
        return chunks;
    }

    /** Validation data as blocks of samples, each as its chunks of time steps in order. */
    private static Dataset[][] validationBlocks(Network net, Dataset validation, int steps) {
        Dataset[] chunks = chunks(net, validation, steps, "validation");
        if (chunks.length == 1) {
            return new Dataset[][] {chunks};
        }
        int n = validation.size();
        Dataset[][] blocks = new Dataset[(n + VALIDATION_BLOCK - 1) / VALIDATION_BLOCK][chunks.length];
        for (int b = 0; b < blocks.length; b++) {
            int from = b * VALIDATION_BLOCK;
            int count = Math.min(VALIDATION_BLOCK, n - from);
            for (int c = 0; c < chunks.length; c++) {
                blocks[b][c] = chunks[c].slice(from, count);
            }
        }
        return blocks;
    }

    /**
     * The validation loss and accuracy; chunked data block after block, the stateful layers reset before each
     * block's first chunk and carrying their state into the next, weighted by samples or unmasked steps.
     */
    private static double[] validate(
            Network net, Dataset[][] blocks, TrainingOptions options, List<StatefulLayer> stateful) {
        if (blocks.length == 1 && blocks[0].length == 1) {
            if (options.truncatedBptt() > 0) {
                stateful.forEach(StatefulLayer::resetState);
            }
            return net.evaluate(blocks[0][0], options.loss(), options.validationAccuracy());
        }
        double loss = 0;
        double accuracy = 0;
        long weights = 0;
        for (Dataset[] block : blocks) {
            stateful.forEach(StatefulLayer::resetState);
            for (int c = 0; c < block.length; c++) {
                double[] v = net.evaluate(block[c], options.loss(), options.validationAccuracy());
                int weight = block[c].weight(Network.identity(block[c].size()), 0, block[c].size());
                loss += v[0] * weight;
                accuracy += v[1] * weight;
                weights += weight;
                if (c < block.length - 1) {
                    stateful.forEach(StatefulLayer::carryState);
                }
            }
        }
        stateful.forEach(StatefulLayer::resetState);
        return new double[] {weights == 0 ? 0 : loss / weights, weights == 0 ? Double.NaN : accuracy / weights};
    }
}

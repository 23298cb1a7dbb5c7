package dev.glia.examples.text;

import dev.glia.core.Dataset;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a {@link TextModel} on the bundled text: each epoch draws {@link TextSettings#charsPerEpoch()}
 * characters of samples at random positions of the training text (seeded), trains one pass over them with Adam
 * in pieces of {@link #CHUNK_CHARACTERS}, measures the held-out text's bits per character and prints a sample at
 * each temperature. Training stops after the last epoch, or when the time budget is spent: after the piece
 * that spent it, the epoch ends there and is measured.
 */
final class TextTraining {
    /**
     * Characters trained per {@link dev.glia.core.Network#fit} call: an epoch is cut into pieces of this size, so
     * that the time budget is checked every few seconds rather than once an epoch.
     */
    static final int CHUNK_CHARACTERS = 20_000;

    private TextTraining() {}

    /** Bits per character of one epoch, on the characters trained on and on the held-out text. */
    record EpochBits(int epoch, double train, double heldOut, double minutes) {}

    /** What a run reached. */
    record Result(List<EpochBits> epochs, double seconds, long characters, String stopReason) {}

    static Result run(TextModel model, BundledText text, TextSettings s, PrintWriter out, BitsProgress progress) {
        Vocabulary vocabulary = model.vocabulary();
        int[] train = vocabulary.encode(text.train(), "the training text");
        int[] heldOut = vocabulary.encode(text.heldOut(), "the held-out text");
        TrainingOptions.Builder builder = TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(Optimizers.adam(s.learningRate()))
                .epochs(1)
                .batchSize(s.batchSize())
                .seed(s.seed());
        if (progress != null) {
            builder.listener(progress);
        }
        TrainingOptions options = builder.build(); // one optimiser for the whole run: its state carries over
        Random positions = new Random(s.seed());
        List<EpochBits> epochs = new ArrayList<>();
        long start = System.nanoTime();
        long budget = s.minutes() > 0 ? (long) (s.minutes() * 60e9) : Long.MAX_VALUE;
        String stop = "all " + s.epochs() + " epochs";
        long characters = 0;
        int chunks = (s.charsPerEpoch() + CHUNK_CHARACTERS - 1) / CHUNK_CHARACTERS;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            if (epoch > 1 && System.nanoTime() - start >= budget) { // the first piece always trains
                stop = String.format(Locale.ROOT, "the time budget of %s min was spent", minutes(s.minutes()));
                break;
            }
            if (progress != null) {
                progress.epoch(epoch, chunks, model.charactersPerSample());
            }
            double lossSum = 0;
            long epochCharacters = 0;
            for (int chunk = 0; chunk < chunks && (chunk == 0 || System.nanoTime() - start < budget); chunk++) {
                int size = Math.min(CHUNK_CHARACTERS, s.charsPerEpoch() - chunk * CHUNK_CHARACTERS);
                Dataset data = model.trainingSamples(train, size, positions);
                if (progress != null) {
                    progress.chunk(chunk);
                }
                TrainingHistory history = model.network().fit(data, options);
                long trained = data.size();
                trained *= model.charactersPerSample();
                lossSum += history.finalLoss() * trained;
                epochCharacters += trained;
            }
            characters += epochCharacters;
            double trainedMinutes = (System.nanoTime() - start) / 60e9;
            double held = model.bitsPerCharacter(heldOut);
            EpochBits bits =
                    new EpochBits(epoch, model.bitsPerCharacter(lossSum / epochCharacters), held, trainedMinutes);
            epochs.add(bits);
            if (progress != null) {
                progress.clear();
            }
            out.printf(
                    Locale.ROOT,
                    "epoch %d  train %.3f bits/char  held-out %.3f bits/char  %,d characters  %.1f min%n",
                    epoch,
                    bits.train(),
                    bits.heldOut(),
                    epochCharacters,
                    trainedMinutes);
            for (int i = 0; i < s.temperatures().size(); i++) {
                double t = s.temperatures().get(i);
                String sample = model.generate(s.prime(), s.sampleLength(), t, new Sampler(s.seed() + i));
                out.printf(Locale.ROOT, "  T=%.1f  %s%n", t, oneLine(s.prime() + sample));
            }
            out.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(List.copyOf(epochs), seconds, characters, stop);
    }

    /** Text with its line feeds shown as " | " (a character the novel does not use), so that a sample stays on one line. */
    static String oneLine(String text) {
        return text.replace("\n", " | ");
    }

    static String minutes(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }
}

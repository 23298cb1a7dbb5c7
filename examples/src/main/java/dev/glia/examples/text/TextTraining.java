package dev.glia.examples.text;

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
 * Trains a {@link CharacterModel} on the bundled text: each epoch draws {@link TextSettings#charsPerEpoch()}
 * positions of the training text at random (seeded), trains one pass over them with Adam, measures the held-out
 * text's bits per character and prints a sample at each temperature. Training stops after the last epoch or
 * at the first epoch boundary past the time budget.
 */
final class TextTraining {
    private TextTraining() {}

    /** Bits per character of one epoch, on the characters trained on and on the held-out text. */
    record EpochBits(int epoch, double train, double heldOut, double minutes) {}

    /** What a run reached. */
    record Result(List<EpochBits> epochs, double seconds, long characters, String stopReason) {}

    static Result run(CharacterModel model, BundledText text, TextSettings s, PrintWriter out, BitsProgress progress) {
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
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            if (System.nanoTime() - start >= budget) {
                stop = String.format(Locale.ROOT, "the time budget of %s min was spent", minutes(s.minutes()));
                break;
            }
            if (progress != null) {
                progress.epoch(epoch);
            }
            TrainingHistory history = model.network().fit(model.samples(train, s.charsPerEpoch(), positions), options);
            double trainedMinutes = (System.nanoTime() - start) / 60e9;
            double held = model.bitsPerCharacter(heldOut);
            EpochBits bits = new EpochBits(epoch, history.finalLoss() / Math.log(2), held, trainedMinutes);
            epochs.add(bits);
            if (progress != null) {
                progress.clear();
            }
            out.printf(
                    Locale.ROOT,
                    "epoch %d  train %.3f bits/char  held-out %.3f bits/char  %.1f min%n",
                    epoch,
                    bits.train(),
                    bits.heldOut(),
                    trainedMinutes);
            for (int i = 0; i < s.temperatures().size(); i++) {
                double t = s.temperatures().get(i);
                String sample = model.generate(s.prime(), s.sampleLength(), t, new Sampler(s.seed() + i));
                out.printf(Locale.ROOT, "  T=%.1f  %s%n", t, oneLine(s.prime() + sample));
            }
            out.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(List.copyOf(epochs), seconds, (long) epochs.size() * s.charsPerEpoch(), stop);
    }

    /** Text with its line feeds shown as " | " (a character the novel does not use), so that a sample stays on one line. */
    static String oneLine(String text) {
        return text.replace("\n", " | ");
    }

    static String minutes(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }
}

package dev.glia.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The text of the lstm benchmark: the Moby-Dick cut the {@code ./glia text} lesson bundles (its training part, then
 * its held-out part) when it is in the source tree, or a file given with {@code --data}, or else a seeded synthetic
 * English-like text (a Zipf-distributed lexicon of common words and generated ones, sentences, commas, quotes,
 * capitals, chapter headings and line breaks: about 70 distinct characters, learnable structure).
 */
final class LstmText {
    /** Where the lesson bundles its text, relative to the repository root. */
    static final String BUNDLED = "examples/src/main/resources/dev/glia/examples/text/bundled";
    /** The bundled training part. */
    static final String TRAIN_FILE = "moby-dick-train.txt";
    /** The bundled held-out part. */
    static final String HELDOUT_FILE = "moby-dick-heldout.txt";
    /** The value of {@code --data} that asks for the synthetic text. */
    static final String SYNTHETIC = "synthetic";

    private static final String[] COMMON = {
        "the", "of", "and", "a", "to", "in", "that", "his", "it", "he", "was", "but", "with", "as", "is", "for", "all",
        "this", "at", "by", "from", "not", "him", "so", "on", "be", "one", "you", "there", "now", "had", "have", "or",
        "were", "they", "which", "like", "me", "then", "some", "their", "upon", "what", "whale", "sea", "ship", "old",
        "man", "into", "out", "up", "more", "over", "when", "been", "would", "no", "long", "still", "these", "though",
        "yet", "great", "boat", "head", "time", "captain", "white", "those", "two"
    };
    private static final String CONSONANTS = "tnshrdlcmwfgypbvkjxqz";
    private static final String VOWELS = "eaoiuy";

    private LstmText() {}

    /** The text and where it came from. */
    /**
     * The text, the length of its held-out part (-1: none given, the caller cuts it), a description, and the
     * {@code --data} value that names exactly this text (for a child JVM, whose working folder may differ).
     */
    record Source(String text, int heldOut, String description, String data) {}

    /**
     * The text for {@code data}: {@link #SYNTHETIC} or null without a bundled text gives {@code length} synthetic
     * characters; null with the bundled text, or a folder holding {@link #TRAIN_FILE} and {@link #HELDOUT_FILE},
     * gives those two concatenated; any other path is read as one UTF-8 file.
     */
    static Source load(String data, int length, long seed, Path repositoryRoot) {
        Path dir = data == null ? repositoryRoot.resolve(BUNDLED) : Path.of(data);
        if (SYNTHETIC.equals(data) || (data == null && !Files.isRegularFile(dir.resolve(TRAIN_FILE)))) {
            return new Source(
                    synthetic(length, seed),
                    -1,
                    String.format(
                            Locale.ROOT,
                            "a seeded synthetic English-like text (%,d characters, seed %d)",
                            length,
                            seed),
                    SYNTHETIC);
        }
        if (Files.isDirectory(dir)) {
            String train = read(dir.resolve(TRAIN_FILE));
            String heldOut = read(dir.resolve(HELDOUT_FILE));
            return new Source(
                    train + heldOut,
                    heldOut.length(),
                    String.format(
                            Locale.ROOT,
                            "Moby-Dick as the text lesson bundles it (%s: %,d training and %,d held-out characters)",
                            dir,
                            train.length(),
                            heldOut.length()),
                    dir.toAbsolutePath().toString());
        }
        String text = read(dir);
        return new Source(
                text,
                -1,
                String.format(Locale.ROOT, "%s (%,d characters)", dir, text.length()),
                dir.toAbsolutePath().toString());
    }

    /** The repository root, two levels above the results folder the run script passes (benchmarks/results). */
    static Path repositoryRoot() {
        Path results = Comparison.defaultResults().toAbsolutePath().normalize();
        Path root = results.getParent() == null ? null : results.getParent().getParent();
        return root == null ? Path.of(".") : root;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the text " + file + " (" + e.getMessage() + "); give a UTF-8 text file with --data,"
                            + " or --data synthetic",
                    e);
        }
    }

    /** {@code length} characters of seeded English-like prose. */
    static String synthetic(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] lexicon = new String[3000];
        System.arraycopy(COMMON, 0, lexicon, 0, COMMON.length);
        for (int i = COMMON.length; i < lexicon.length; i++) {
            lexicon[i] = word(r);
        }
        double[] cumulative = new double[lexicon.length];
        double sum = 0;
        for (int i = 0; i < lexicon.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        StringBuilder out = new StringBuilder(length + 200);
        int column = 0;
        int chapter = 1;
        int sentencesInParagraph = 0;
        while (out.length() < length) {
            if (out.length() == 0 || r.nextInt(400) == 0) {
                out.append(out.length() == 0 ? "" : "\n\n")
                        .append("CHAPTER ")
                        .append(chapter++)
                        .append(". ");
                out.append(capitalise(lexicon[r.nextInt(COMMON.length, lexicon.length)])
                        .toUpperCase(Locale.ROOT));
                out.append(".\n\n");
                column = 0;
            }
            int words = 4 + r.nextInt(17);
            boolean quoted = r.nextInt(8) == 0;
            StringBuilder sentence = new StringBuilder();
            if (quoted) {
                sentence.append('"');
            }
            for (int w = 0; w < words; w++) {
                double u = r.nextDouble() * sum;
                int k = java.util.Arrays.binarySearch(cumulative, u);
                String word = lexicon[k >= 0 ? k : Math.min(-k - 1, lexicon.length - 1)];
                if (w == 0 || r.nextInt(60) == 0) {
                    word = capitalise(word);
                }
                sentence.append(word);
                if (w < words - 1) {
                    int p = r.nextInt(40);
                    sentence.append(p < 4 ? ", " : p == 4 ? "; " : p == 5 ? " -- " : p == 6 ? "'s " : " ");
                }
            }
            int end = r.nextInt(20);
            sentence.append(end < 15 ? '.' : end < 18 ? '?' : '!');
            if (quoted) {
                sentence.append('"');
            }
            for (String token : sentence.toString().split(" ", -1)) {
                if (column > 0 && column + token.length() + 1 > 70) {
                    out.append('\n');
                    column = 0;
                } else if (column > 0) {
                    out.append(' ');
                    column++;
                }
                out.append(token);
                column += token.length();
            }
            if (++sentencesInParagraph >= 3 + r.nextInt(6)) {
                out.append("\n\n");
                column = 0;
                sentencesInParagraph = 0;
            }
        }
        return out.substring(0, length);
    }

    private static String word(SplittableRandom r) {
        int syllables = 1 + r.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            // consonants and vowels drawn with a bias towards the frequent ones (square of a uniform index)
            double u = r.nextDouble();
            sb.append(CONSONANTS.charAt((int) (u * u * CONSONANTS.length())));
            double v = r.nextDouble();
            sb.append(VOWELS.charAt((int) (v * v * VOWELS.length())));
            if (r.nextInt(3) == 0) {
                double w = r.nextDouble();
                sb.append(CONSONANTS.charAt((int) (w * w * CONSONANTS.length())));
            }
        }
        return sb.toString();
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}

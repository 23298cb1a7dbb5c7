package dev.glia.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs for a classifier with {@code k} classes, and the measures
 * derived from them. Rows are true classes, columns predicted classes.
 *
 * <p>For class {@code c}: precision = correct predictions of c / all predictions of c; recall = correct
 * predictions of c / all samples of c; F1 = their harmonic mean. A ratio whose denominator is zero (a
 * class never predicted, or absent) is 0, as in scikit-learn's default.
 *
 * <pre>{@code
 * ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 1});
 * m.accuracy();      // 0.5
 * m.f1(2);           // 0.5
 * System.out.println(m.toText(List.of("cat", "dog", "bird")));
 * }</pre>
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /** The matrix of {@code actual[i]} against {@code predicted[i]}; every class must be in {@code [0, classes)}. */
    public static ConfusionMatrix of(int classes, int[] actual, int[] predicted) {
        if (classes < 1) {
            throw new IllegalArgumentException("There must be at least one class, got " + classes);
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(
                    actual.length + " true classes but " + predicted.length + " predictions");
        }
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            check(actual[i], classes, "true class", i);
            check(predicted[i], classes, "predicted class", i);
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /** A matrix from its counts ({@code counts[true][predicted]}, square, none negative); copied. */
    public static ConfusionMatrix ofCounts(long[][] counts) {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != counts.length) {
                throw new IllegalArgumentException("A confusion matrix is square; row " + i + " has " + counts[i].length
                        + " columns, there are " + counts.length + " rows");
            }
            for (long c : counts[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("Counts must not be negative, row " + i + " has " + c);
                }
            }
            copy[i] = counts[i].clone();
        }
        if (copy.length == 0) {
            throw new IllegalArgumentException("There must be at least one class");
        }
        return new ConfusionMatrix(copy);
    }

    private static void check(int c, int classes, String what, int i) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(
                    "Sample " + i + ": " + what + " " + c + " is not in 0.." + (classes - 1));
        }
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** How many samples of class {@code actual} were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Number of samples. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Number of samples predicted correctly (the diagonal). */
    public long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i][i];
        }
        return n;
    }

    /** The share of samples predicted correctly; 0 for an empty matrix. */
    public double accuracy() {
        return ratio(correct(), total());
    }

    /** Number of samples whose true class is {@code c} (row sum). */
    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n;
    }

    /** Number of samples predicted as {@code c} (column sum). */
    public long predicted(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /** Of the samples predicted as {@code c}, the share that are {@code c}. */
    public double precision(int c) {
        return ratio(counts[c][c], predicted(c));
    }

    /** Of the samples of class {@code c}, the share predicted as {@code c}. */
    public double recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    /** The harmonic mean of precision and recall of {@code c}: {@code 2 tp / (2 tp + fp + fn)}. */
    public double f1(int c) {
        long tp = counts[c][c];
        return ratio(2 * tp, support(c) + predicted(c));
    }

    /** The unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < classes(); c++) {
            sum += f1(c);
        }
        return sum / classes();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /**
     * The matrix as text: one row per true class, named, one column per predicted class, headed by the
     * names cut to the column width. {@code names} has one entry per class (or is empty: class numbers).
     */
    public String toText(List<String> names) {
        List<String> labels = labels(names);
        int nameWidth = Math.max(
                "true \\ predicted".length(),
                labels.stream().mapToInt(String::length).max().orElse(1));
        long max = 0;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        int width = Math.max(6, Long.toString(max).length() + 1);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "true \\ predicted"));
        for (String label : labels) {
            String head = label.length() > width - 1 ? label.substring(0, width - 1) : label;
            sb.append(String.format(Locale.ROOT, "%" + width + "s", head));
        }
        sb.append('\n');
        for (int i = 0; i < counts.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", labels.get(i)));
            for (long c : counts[i]) {
                sb.append(String.format(Locale.ROOT, "%" + width + "d", c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Per-class precision, recall, F1 and support, then accuracy and macro F1, as a text table (like
     * scikit-learn's classification report).
     */
    public String report(List<String> names) {
        List<String> labels = labels(names);
        int nameWidth =
                Math.max(9, labels.stream().mapToInt(String::length).max().orElse(1));
        StringBuilder sb = new StringBuilder();
        String row = "%-" + nameWidth + "s %9s %9s %9s %9s%n";
        sb.append(String.format(Locale.ROOT, row, "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < classes(); c++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-" + nameWidth + "s %9.3f %9.3f %9.3f %9d%n",
                    labels.get(c),
                    precision(c),
                    recall(c),
                    f1(c),
                    support(c)));
        }
        sb.append(String.format(
                Locale.ROOT, "%-" + nameWidth + "s %9s %9s %9.3f %9d%n", "accuracy", "", "", accuracy(), total()));
        sb.append(String.format(
                Locale.ROOT, "%-" + nameWidth + "s %9s %9s %9.3f %9d%n", "macro F1", "", "", macroF1(), total()));
        return sb.toString();
    }

    private List<String> labels(List<String> names) {
        if (names.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            for (int c = 0; c < classes(); c++) {
                numbers.add(Integer.toString(c));
            }
            return numbers;
        }
        if (names.size() != classes()) {
            throw new IllegalArgumentException(names.size() + " class names for " + classes() + " classes");
        }
        return names;
    }
}

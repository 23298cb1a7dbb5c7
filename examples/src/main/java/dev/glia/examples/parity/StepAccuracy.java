package dev.glia.examples.parity;

/**
 * Per-step accuracy of a network's parity predictions on held-out streams of one length.
 *
 * @param length   bits per stream
 * @param streams  how many streams were scored
 * @param accuracy the share of all steps whose prediction (output above 0.5 means 1) equals the running parity
 * @param byStep   the accuracy at each step 1..length, over the streams
 */
public record StepAccuracy(int length, int streams, double accuracy, java.util.List<Double> byStep) {
    /** Scores {@code outputs} (one probability per step, stream after stream) against {@code data}'s parities. */
    public static StepAccuracy score(ParityData data, float[] outputs) {
        int[] y = data.parities();
        int length = data.length();
        double[] byStep = new double[length];
        long right = 0;
        for (int i = 0; i < y.length; i++) {
            if ((outputs[i] > 0.5f ? 1 : 0) == y[i]) {
                right++;
                byStep[i % length]++;
            }
        }
        java.util.List<Double> perStep = new java.util.ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            perStep.add(byStep[t] / data.sequences());
        }
        return new StepAccuracy(length, data.sequences(), (double) right / y.length, java.util.List.copyOf(perStep));
    }

    /** The accuracy over steps {@code from..to} (1-based, inclusive), e.g. those beyond a window. */
    public double between(int from, int to) {
        double sum = 0;
        for (int t = from; t <= to; t++) {
            sum += byStep.get(t - 1);
        }
        return to < from ? Double.NaN : sum / (to - from + 1);
    }
}

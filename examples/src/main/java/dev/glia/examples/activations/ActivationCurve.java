package dev.glia.examples.activations;

/**
 * An activation sampled on a grid: {@code y = f(x)} and the slope {@code dy/dx} at each point.
 *
 * @param id          the activation's id
 * @param label       the chart title: the id, or for a row-wise activation how it was fed
 * @param x           the sample points, increasing
 * @param y           {@code f(x)}
 * @param slope       {@code f'(x)} as the activation's backward pass computes it
 * @param elementwise whether it was evaluated with the float64 interpreter ({@code false}: on a backend)
 */
@SuppressWarnings("ArrayRecordComponent") // sampled values to plot, never compared
public record ActivationCurve(String id, String label, double[] x, double[] y, double[] slope, boolean elementwise) {
    /** Checks that the three arrays line up. */
    public ActivationCurve {
        if (x.length != y.length || x.length != slope.length) {
            throw new IllegalArgumentException(
                    "x, y and slope must have one length, got " + x.length + ", " + y.length + " and " + slope.length);
        }
    }
}

package dev.glia.spark;

import dev.glia.core.Network;
import dev.glia.core.training.FlatParameters;
import java.util.Arrays;

/**
 * What the driver broadcasts each step: the flat parameter vector followed by the flat state vector (the running
 * statistics of batch normalisation, none for most networks), so that every partition's forward pass starts
 * from the driver's statistics, as the next batch of single-JVM {@code fit} would.
 */
final class ModelVector {
    private ModelVector() {}

    /** The network's weights, then its state. */
    static float[] read(Network network) {
        float[] weights = FlatParameters.read(network);
        float[] state = FlatParameters.readState(network);
        float[] all = Arrays.copyOf(weights, weights.length + state.length);
        System.arraycopy(state, 0, all, weights.length, state.length);
        return all;
    }

    /** Sets the weights and the state from {@code values} as {@link #read} gives them. */
    static void write(Network network, float[] values) {
        int weights = FlatParameters.size(network);
        int state = FlatParameters.stateSize(network);
        if (values.length != weights + state) {
            throw new IllegalArgumentException("The network has " + weights + " parameters and " + state
                    + " state values, but the vector holds " + values.length + "; was it read from another network?");
        }
        FlatParameters.write(network, Arrays.copyOf(values, weights));
        FlatParameters.writeState(network, Arrays.copyOfRange(values, weights, values.length));
    }
}

package dev.glia.core.training;

import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.core.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A network's parameters, or their gradients, as one flat {@code float} vector: every parameter of
 * {@link Network#parameters()} in order, each in row-major order. This is the vector data-parallel training
 * sums, averages, slices and sends. The state buffers (running statistics) have a flat vector of their own
 * ({@link #readState}). A FLOAT64 network is read and written through float32.
 */
public final class FlatParameters {
    private FlatParameters() {}

    /** The length of the flat vector: the network's number of trainable scalars. */
    public static int size(Network network) {
        long n = network.parameterCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "A flat parameter vector holds at most 2^31 - 9 values, but the network has " + n);
        }
        return (int) n;
    }

    /** A copy of every weight. */
    public static float[] read(Network network) {
        return copyOut(network, Parameter::value);
    }

    /** Sets every weight from {@code values} (of length {@link #size}). */
    public static void write(Network network, float[] values) {
        copyIn(network, values, Parameter::value);
    }

    /** A copy of every gradient, as the last backward pass left them. */
    public static float[] readGradients(Network network) {
        return copyOut(network, Parameter::gradient);
    }

    /** Sets every gradient from {@code values} (of length {@link #size}), e.g. gradients summed elsewhere. */
    public static void writeGradients(Network network, float[] values) {
        copyIn(network, values, Parameter::gradient);
    }

    /**
     * The length of the flat state vector: every value of {@link Network#stateBuffers()} (the running statistics
     * of batch normalisation), 0 for a network without state.
     */
    public static int stateSize(Network network) {
        long n = 0;
        for (Tensor t : network.stateBuffers()) {
            n += t.shape().size();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "A flat state vector holds at most 2^31 - 9 values, but the network's state has " + n);
        }
        return (int) n;
    }

    /** A copy of every state buffer, in {@link Network#stateBuffers()}' order. */
    public static float[] readState(Network network) {
        return copyOut(network, network.stateBuffers(), stateSize(network));
    }

    /** Sets every state buffer from {@code values} (of length {@link #stateSize}). */
    public static void writeState(Network network, float[] values) {
        int size = stateSize(network);
        if (values.length != size) {
            throw new IllegalArgumentException("The network's state holds " + size
                    + " values, but the flat vector holds " + values.length + "; was it read from another network?");
        }
        copyIn(network, network.stateBuffers(), values);
    }

    private static float[] copyOut(Network network, Function<Parameter, Tensor> which) {
        return copyOut(network, tensors(network, which), size(network));
    }

    private static void copyIn(Network network, float[] values, Function<Parameter, Tensor> which) {
        int size = size(network);
        if (values.length != size) {
            throw new IllegalArgumentException("The network has " + size + " parameters, but the flat vector holds "
                    + values.length + " values; was it read from another network?");
        }
        copyIn(network, tensors(network, which), values);
    }

    private static List<Tensor> tensors(Network network, Function<Parameter, Tensor> which) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            out.add(which.apply(p));
        }
        return out;
    }

    private static float[] copyOut(Network network, List<Tensor> tensors, int size) {
        float[] all = new float[size];
        int at = 0;
        for (Tensor t : tensors) {
            int n = t.shape().size();
            float[] part = new float[n];
            network.backend().download(t, part);
            System.arraycopy(part, 0, all, at, n);
            at += n;
        }
        return all;
    }

    private static void copyIn(Network network, List<Tensor> tensors, float[] values) {
        int at = 0;
        for (Tensor t : tensors) {
            int n = t.shape().size();
            float[] part = new float[n];
            System.arraycopy(values, at, part, 0, n);
            network.backend().write(t, part);
            at += n;
        }
    }
}

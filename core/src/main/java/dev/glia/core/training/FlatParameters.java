package dev.glia.core.training;

import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.core.Network;
import java.util.List;
import java.util.function.Function;

/**
 * A network's parameters, or their gradients, as one flat {@code float} vector: every parameter of
 * {@link Network#parameters()} in order, each in row-major order. This is the vector data-parallel training
 * sums, averages, slices and sends. A FLOAT64 network is read and written through float32.
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

    private static float[] copyOut(Network network, Function<Parameter, Tensor> which) {
        float[] all = new float[size(network)];
        int at = 0;
        for (Parameter p : network.parameters()) {
            Tensor t = which.apply(p);
            int n = t.shape().size();
            float[] part = new float[n];
            network.backend().download(t, part);
            System.arraycopy(part, 0, all, at, n);
            at += n;
        }
        return all;
    }

    private static void copyIn(Network network, float[] values, Function<Parameter, Tensor> which) {
        int size = size(network);
        if (values.length != size) {
            throw new IllegalArgumentException("The network has " + size + " parameters, but the flat vector holds "
                    + values.length + " values; was it read from another network?");
        }
        List<Parameter> parameters = network.parameters();
        int at = 0;
        for (Parameter p : parameters) {
            Tensor t = which.apply(p);
            int n = t.shape().size();
            float[] part = new float[n];
            System.arraycopy(values, at, part, 0, n);
            network.backend().write(t, part);
            at += n;
        }
    }
}

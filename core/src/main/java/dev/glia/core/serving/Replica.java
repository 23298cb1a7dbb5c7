package dev.glia.core.serving;

import dev.glia.api.Backend;
import dev.glia.api.Tensor;
import dev.glia.core.Network;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One copy of a model that one thread at a time may use: a network, the one-sample input tensor (of the network's
 * input shape) of single-sample predictions, and, when the replica owns it, the backend it runs on. A new replica has run one prediction
 * already, so its kernels are compiled and its buffers for one sample allocated before the first call.
 */
final class Replica implements AutoCloseable {
    private final Network network;
    private final Backend ownedBackend;
    private final Tensor input;

    /**
     * Wraps {@code network}; closing the replica closes the network and {@code ownedBackend} too when that is not
     * null (the backend the replica was made on), and leaves a network given by the caller open when it is null.
     */
    Replica(Network network, Backend ownedBackend) {
        this.network = network;
        this.ownedBackend = ownedBackend;
        this.input = network.backend().allocate(network.inputShape().batchOf(1), network.dtype());
        try {
            predict(new float[network.inputWidth()]);
        } catch (RuntimeException | Error e) {
            input.close();
            throw e;
        }
    }

    /**
     * A replica on a new backend from {@code backends}, with the network {@code load} puts there. On any failure the
     * backend (and a network already made) is closed before the exception goes on.
     */
    static Replica onNewBackend(Supplier<? extends Backend> backends, Function<Backend, Network> load) {
        Backend backend = backends.get();
        if (backend == null) {
            throw new IllegalStateException("The predictor's backend factory returned null; it must return a new"
                    + " backend for each replica");
        }
        Network network = null;
        try {
            network = load.apply(backend);
            return new Replica(network, backend);
        } catch (RuntimeException | Error e) {
            if (network != null) {
                closeAfterFailure(network, e);
            }
            closeAfterFailure(backend, e);
            throw e;
        }
    }

    private static void closeAfterFailure(AutoCloseable resource, Throwable failure) {
        try {
            resource.close();
        } catch (Exception | Error e) {
            failure.addSuppressed(e);
        }
    }

    /** The replica's network. */
    Network network() {
        return network;
    }

    /** The outputs for one sample, whose length the caller has checked. */
    float[] predict(float[] sample) {
        Backend backend = network.backend();
        backend.write(input, sample);
        Tensor y = network.forward(input);
        float[] out = new float[network.outputWidth()];
        backend.download(y, out);
        return out;
    }

    /** The outputs for each row of {@code samples}, whose widths the caller has checked. */
    float[][] predict(float[][] samples) {
        return network.predict(samples);
    }

    /** Frees the input tensor and, if owned, the network and its backend; the backend is closed even on failure. */
    @Override
    public void close() {
        try {
            input.close();
            if (ownedBackend != null) {
                network.close();
            }
        } finally {
            if (ownedBackend != null) {
                ownedBackend.close();
            }
        }
    }
}

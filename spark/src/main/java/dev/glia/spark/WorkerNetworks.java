package dev.glia.spark;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.config.Backends;
import dev.glia.core.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks an executor JVM trains with, per training run: each task borrows one (a task thread at a time),
 * sets its weights, computes and gives it back, so an executor builds as many networks as it runs tasks at once,
 * not one per step. Each network has its own backend, chosen by the usual Glia configuration on the executor
 * ({@code glia.backend} system property, {@code GLIA_BACKEND} environment, e.g. through
 * {@code spark.executorEnv.GLIA_BACKEND}).
 */
final class WorkerNetworks {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerNetworks.class);
    private static final Map<String, Queue<Worker>> POOLS = new ConcurrentHashMap<>();

    private WorkerNetworks() {}

    /** A network of the run {@code runId}, built from {@code modelFile} (the bytes of a model file) if none is free. */
    static Worker borrow(String runId, byte[] modelFile) {
        Worker w =
                POOLS.computeIfAbsent(runId, k -> new ConcurrentLinkedQueue<>()).poll();
        return w != null ? w : Worker.load(runId, modelFile);
    }

    /** Closes every network of the run {@code runId} in this JVM. */
    static void release(String runId) {
        Queue<Worker> pool = POOLS.remove(runId);
        if (pool != null) {
            pool.forEach(Worker::destroy);
        }
    }

    /** One network on its own backend, and the version of the weights it holds. */
    static final class Worker implements AutoCloseable {
        private final String runId;
        private final Backend backend;
        private final Network network;
        private long weightsId = -1;

        private Worker(String runId, Backend backend, Network network) {
            this.runId = runId;
            this.backend = backend;
            this.network = network;
        }

        static Worker load(String runId, byte[] modelFile) {
            Backend backend = Backends.create();
            try {
                Path file = Files.createTempFile("glia-spark-", ".glia");
                try {
                    Files.write(file, modelFile);
                    Network net = ModelFile.load(file, backend);
                    LOG.debug("Run {}: a network on backend {}", runId, backend.name());
                    return new Worker(runId, backend, net);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | RuntimeException e) {
                backend.close();
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("Could not stage the model file in the temporary directory", io);
                }
                throw (RuntimeException) e;
            }
        }

        Network network() {
            return network;
        }

        /**
         * Sets the weights and then the running statistics from {@code values} (both flat vectors, one after the
         * other: {@link ModelVector}), unless the ones of broadcast {@code id} are already in.
         */
        void weights(long id, float[] values) {
            if (weightsId != id) {
                ModelVector.write(network, values);
                weightsId = id;
            }
        }

        /**
         * Marks the weights and running statistics as changed here (a step's forward pass updates the statistics,
         * local steps the weights too), so the next {@link #weights} writes them.
         */
        void weightsChanged() {
            weightsId = -1;
        }

        /** Gives the network back to the pool. */
        @Override
        public void close() {
            Queue<Worker> pool = POOLS.get(runId);
            if (pool != null) {
                pool.add(this);
            } else {
                destroy();
            }
        }

        void destroy() {
            network.close();
            backend.close();
        }
    }
}

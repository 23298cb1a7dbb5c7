package dev.glia.core.serving;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.activations.Activations;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.io.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Predictions from one model that many threads may ask for at once, as a web service does.
 *
 * <p>A {@link Network} and its {@link Backend} serve one thread at a time. A predictor therefore keeps a pool of
 * <em>replicas</em>: identical copies of the model, each a network on a backend of its own. A call borrows an idle
 * replica, predicts and gives it back; when every replica is busy it makes another, up to {@link #replicas()}
 * ({@link Builder#replicas}, by default the number of processors), and beyond that it waits for one to come back.
 * Replicas are made on demand, one at a time, unless {@link Builder#eager()} asks for all of them up front; every
 * replica holds the same weights, copied from the first, so all threads get exactly the results one thread would
 * get on that backend. Each call returns new arrays that belong to the caller.
 *
 * <pre>{@code
 * try (Predictor predictor = Predictor.fromFile(Path.of("fashion.safetensors"))
 *         .config(GliaConfig.builder().backend("ejml").build())
 *         .replicas(8)
 *         .build()) {
 *     HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 *     server.setExecutor(Executors.newFixedThreadPool(8));
 *     server.createContext("/predict", exchange -> {
 *         float[] pixels = readPixels(exchange.getRequestBody());   // the application's own parsing
 *         float[] scores = predictor.predict(pixels);              // safe from any thread
 *         ...
 *     });
 *     server.start();
 *     ...
 *     server.stop(5);   // then the predictor closes: every replica and backend is freed
 * }
 * }</pre>
 *
 * <p><b>Closing.</b> {@link #close()} makes waiting and later calls fail with an {@link IllegalStateException},
 * waits for the calls in flight to finish, and closes every replica's network and backend. A replica is never
 * closed while a thread uses it.
 *
 * <p><b>Errors.</b> A sample of the wrong width fails with an {@link IllegalArgumentException} that names both
 * widths. A failure to make a replica (the backend factory or the model file) reaches the call that needed it, with
 * the backend closed; if other replicas exist the predictor then keeps serving with those. A thread interrupted while
 * it waits for a replica gets a {@link java.util.concurrent.CancellationException} and keeps its interrupt status.
 *
 * <p>Replicas share the model's {@link dev.glia.api.Activation} objects. The built-in activations hold no state;
 * a plugin activation must not either (its scratch belongs in the workspace it is given).
 */
public final class Predictor implements AutoCloseable {
    private final String model;
    private final int inputWidth;
    private final int outputWidth;
    private final ReplicaPool pool;

    private Predictor(String model, int inputWidth, int outputWidth, ReplicaPool pool) {
        this.model = model;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.pool = pool;
    }

    /**
     * Starts a predictor for the model in {@code modelFile}. The file is read once, by {@link Builder#build()}, onto
     * the first replica's backend; the other replicas copy that replica's weights, so replacing the file later
     * changes nothing.
     */
    public static Builder fromFile(Path modelFile) {
        return new Builder(Objects.requireNonNull(modelFile, "modelFile"), null);
    }

    /**
     * Starts a predictor for a copy of {@code network}'s current weights, made by {@link Builder#build()} on the
     * calling thread; training the network later does not change the predictor. Unless {@link Builder#backends} or
     * {@link Builder#config} says otherwise, replicas run on new backends of the network's kind.
     */
    public static Builder fromNetwork(Network network) {
        return new Builder(null, Objects.requireNonNull(network, "network"));
    }

    /**
     * The simplest thread-safe front to one existing network: calls take turns on it, one at a time, with no copy.
     * The caller keeps ownership: closing the predictor waits for the call in flight and leaves the network and its
     * backend open, and no other code may use the network while the predictor does.
     */
    public static Predictor serialized(Network network) {
        Objects.requireNonNull(network, "network");
        String model = "a network on " + network.backend().name();
        Replica only = new Replica(network, null);
        return new Predictor(
                model, network.inputWidth(), network.outputWidth(), new ReplicaPool(model, List.of(only), 1, () -> {
                    throw new IllegalStateException("A serialized predictor has one replica");
                }));
    }

    /**
     * The outputs for one sample of {@link #inputWidth()} values; a new array of {@link #outputWidth()} values.
     * Blocks while every replica is busy.
     *
     * @throws IllegalArgumentException when the sample's width is not the model's
     * @throws IllegalStateException    after {@link #close()}
     */
    public float[] predict(float[] sample) {
        Objects.requireNonNull(sample, "sample");
        if (sample.length != inputWidth) {
            throw new IllegalArgumentException("The model (" + model + ") expects " + inputWidth
                    + " inputs per sample, but the sample has " + sample.length);
        }
        return pool.call(replica -> replica.predict(sample));
    }

    /**
     * The outputs for each row of {@code samples}, computed together on one replica; new arrays of
     * {@link #outputWidth()} values. An empty batch gives an empty result.
     *
     * @throws IllegalArgumentException when a row's width is not the model's (the first such row is named)
     * @throws IllegalStateException    after {@link #close()}
     */
    public float[][] predict(float[][] samples) {
        Objects.requireNonNull(samples, "samples");
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] == null || samples[i].length != inputWidth) {
                throw new IllegalArgumentException("The model (" + model + ") expects " + inputWidth
                        + " inputs per sample, but row " + i + " of the batch has "
                        + (samples[i] == null ? "none (null)" : samples[i].length));
            }
        }
        if (samples.length == 0) {
            return new float[0][];
        }
        return pool.call(replica -> replica.predict(samples));
    }

    /** Values per input sample. */
    public int inputWidth() {
        return inputWidth;
    }

    /** Values per output sample. */
    public int outputWidth() {
        return outputWidth;
    }

    /**
     * The most replicas this predictor makes: what {@link Builder#replicas} set, or fewer after the backend factory
     * failed while others existed.
     */
    public int replicas() {
        return pool.limit();
    }

    /**
     * Fails waiting and later calls, waits for the calls in flight, then closes every replica with its network and
     * backend (a {@link #serialized} predictor leaves its network open). Idempotent.
     */
    @Override
    public void close() {
        pool.close();
    }

    /** Configures a {@link Predictor}; get one from {@link #fromFile} or {@link #fromNetwork}. */
    public static final class Builder {
        private final Path file;
        private final Network network;
        private Supplier<? extends Backend> backends;
        private int replicas = Runtime.getRuntime().availableProcessors();
        private boolean eager;
        private Activations activations;

        private Builder(Path file, Network network) {
            this.file = file;
            this.network = network;
        }

        /**
         * Where each replica's backend comes from: {@code factory} returns a new backend on every call, which the
         * predictor owns and closes. It is called by one thread at a time.
         */
        public Builder backends(Supplier<? extends Backend> factory) {
            this.backends = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Replicas run on backends chosen by {@code config}, as {@link BackendSelector#create} does. With
         * {@code glia.backend=auto}, the backend chosen for the first replica is used for all of them. The default
         * is {@link GliaConfig#fromEnvironment()} for a model file, and the network's kind of backend for a network.
         */
        public Builder config(GliaConfig config) {
            this.backends = fromConfig(Objects.requireNonNull(config, "config"));
            return this;
        }

        /** The most replicas, at least 1; by default the number of processors. */
        public Builder replicas(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("A predictor needs at least 1 replica, got " + count);
            }
            this.replicas = count;
            return this;
        }

        /**
         * Makes every replica in {@link #build()} instead of on demand: no call then waits for a replica to be made,
         * and memory use is known from the start.
         */
        public Builder eager() {
            this.eager = true;
            return this;
        }

        /** Where a model file's activation ids are looked up (default: {@link Activations#discover()}). */
        public Builder activations(Activations registry) {
            this.activations = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Makes the first replica (all of them with {@link #eager()}) and returns the predictor. A model file is
         * read and validated here.
         *
         * @throws dev.glia.core.io.ModelFileException when the model file is missing, damaged or hostile
         * @throws RuntimeException                    whatever the backend factory throws; nothing is left open
         */
        public Predictor build() {
            Supplier<? extends Backend> factory = backends != null
                    ? backends
                    : fromConfig(network != null ? ofKind(network.backend().name()) : GliaConfig.fromEnvironment());
            String model = file != null
                    ? "model file " + file
                    : "a copy of a network on " + network.backend().name();
            ModelWeights weights;
            Replica first;
            if (file != null) {
                first = Replica.onNewBackend(
                        factory,
                        backend -> activations == null
                                ? ModelFile.load(file, backend)
                                : ModelFile.load(file, backend, activations));
                try {
                    weights = ModelWeights.of(first.network());
                } catch (RuntimeException | Error e) {
                    first.close();
                    throw e;
                }
            } else {
                weights = ModelWeights.of(network);
                first = Replica.onNewBackend(factory, weights::build);
            }
            Supplier<Replica> more = () -> Replica.onNewBackend(factory, weights::build);
            List<Replica> made = new ArrayList<>(List.of(first));
            try {
                while (eager && made.size() < replicas) {
                    made.add(more.get());
                }
            } catch (RuntimeException | Error e) {
                for (Replica r : made) {
                    try {
                        r.close();
                    } catch (RuntimeException | Error c) {
                        e.addSuppressed(c);
                    }
                }
                throw e;
            }
            Network shape = first.network();
            return new Predictor(
                    model, shape.inputWidth(), shape.outputWidth(), new ReplicaPool(model, made, replicas, more));
        }

        private static GliaConfig ofKind(String backend) {
            return GliaConfig.builder().backend(backend).build();
        }

        /** A factory over the configured backend; after the first backend, its name replaces {@code auto}. */
        private static Supplier<Backend> fromConfig(GliaConfig config) {
            BackendSelector selector = BackendSelector.discover(List.of());
            GliaConfig[] current = {config};
            return () -> {
                Backend backend = selector.create(current[0]);
                if (current[0] == config && GliaConfig.AUTO.equals(config.backend())) {
                    current[0] = pinned(config.asMap(), backend.name());
                }
                return backend;
            };
        }

        /** {@code settings} alone (no system properties, environment or class path), naming {@code backend}. */
        private static GliaConfig pinned(Map<String, String> settings, String backend) {
            GliaConfig.Builder b = GliaConfig.builder()
                    .systemProperties(new Properties())
                    .environment(Map.of())
                    .classLoader(null);
            settings.forEach(b::set);
            return b.backend(backend).build();
        }
    }
}

package com.example.glia.app;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.config.Backends;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.nio.file.Path;

/**
 * Trains XOR with an activation that Glia does not ship ("bent_identity", from this project's own plugin jar),
 * on the backend that the configuration names, then saves the model and loads it back.
 */
public final class XorApp {
    /** The four XOR inputs. */
    public static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Their targets. */
    public static final float[][] TARGETS = {{0}, {1}, {1}, {0}};

    private XorApp() {}

    /** What a run produced. */
    public record Outcome(
            String backend,
            String activationOrigin,
            float[][] trained,
            float[][] reloaded,
            double finalLoss,
            long steps) {}

    /**
     * Runs with the configuration from glia.properties, the environment and system properties; the plugin's
     * activation is found through META-INF/services.
     */
    public static Outcome run(Path modelFile) {
        Activations activations = Activations.discover();
        try (Backend backend = Backends.create();
                Network net = Network.builder(backend)
                        .seed(3)
                        .activations(activations)
                        .input(2)
                        .dense(8, "bent_identity")
                        .dense(1, "sigmoid")
                        .build()) {
            TrainingHistory history = net.fit(
                    Dataset.of(INPUTS, TARGETS),
                    TrainingOptions.builder()
                            .loss(Losses.binaryCrossEntropy())
                            .optimizer(Optimizers.adam(0.05))
                            .batchSize(4)
                            .epochs(3000)
                            .targetLoss(0.01)
                            .shuffle(false)
                            .seed(3)
                            .build());
            float[][] trained = net.predict(INPUTS);
            ModelFile.save(net, modelFile);
            float[][] reloaded;
            try (Network loaded = ModelFile.load(modelFile, backend)) {
                reloaded = loaded.predict(INPUTS);
            }
            return new Outcome(
                    backend.name(),
                    Activations.origin(activations.get("bent_identity")),
                    trained,
                    reloaded,
                    history.finalLoss(),
                    history.steps());
        }
    }

    /** Trains, saves to the file given (default xor.glia) and prints the outcome. */
    public static void main(String[] args) {
        Outcome o = run(Path.of(args.length > 0 ? args[0] : "xor.glia"));
        System.out.println("backend " + o.backend() + ", bent_identity from " + o.activationOrigin() + ", loss "
                + o.finalLoss() + " after " + o.steps() + " steps");
    }
}

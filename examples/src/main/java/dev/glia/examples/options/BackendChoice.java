package dev.glia.examples.options;

import dev.glia.api.Backend;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --backend NAME} option every glia command shares, and the backend it
 * selects, created by {@link Backends} from the configuration: examples never name a backend class.
 */
public final class BackendChoice {
    @Option(
            names = "--backend",
            paramLabel = "NAME",
            description = "The backend to use (e.g. ejml, or auto). Without it: -Dglia.backend, GLIA_BACKEND, "
                    + "glia.properties on the class path, else auto.")
    private String backend;

    /** Creates the option; picocli fills it in. */
    public BackendChoice() {
        // set by picocli
    }

    /** The configuration: {@code --backend} if given, over the usual sources; an empty name is a {@link UsageError}. */
    public GliaConfig config() {
        GliaConfig.Builder builder = GliaConfig.builder();
        if (backend != null) {
            builder.backend(OptionValues.nonBlank("--backend", backend, "a backend such as ejml, or auto"));
        }
        return builder.build();
    }

    /**
     * The backend the configuration selects; the caller closes it. A selection error (unknown or unavailable
     * backend) is an {@link IllegalStateException} listing every backend.
     */
    public Backend open() {
        return open(config());
    }

    /** The backend {@code config} selects, as an application would create it; the caller closes it. */
    public static Backend open(GliaConfig config) {
        return Backends.create(config);
    }
}

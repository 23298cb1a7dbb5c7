package dev.glia.examples.cli;

import dev.glia.core.config.GliaConfig;
import picocli.CommandLine.Option;

/** The {@code --backend NAME} option shared by the subcommands; it becomes part of the configuration. */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend to use (e.g. ejml, or auto). Without it: -Dglia.backend, GLIA_BACKEND, "
                    + "glia.properties on the class path, else auto.")
    private String backend;

    /** The configuration: {@code --backend} if given, over the usual sources. */
    GliaConfig config() {
        GliaConfig.Builder builder = GliaConfig.builder();
        if (backend != null) {
            builder.backend(backend);
        }
        return builder.build();
    }
}

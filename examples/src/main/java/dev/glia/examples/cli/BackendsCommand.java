package dev.glia.examples.cli;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import dev.glia.examples.options.BackendChoice;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code glia backends}: every backend provider on the class path with its rank, state and reason,
 * the configured {@code glia.backend} and where it came from, and the backend that selects.
 */
@Command(
        name = "backends",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the backend providers (rank, state, reason), the configured glia.backend and "
                    + "where it came from, and the backend it selects.",
            "Exits with status 1 if the configuration selects no backend."
        })
final class BackendsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Override
    public Integer call() {
        GliaConfig config = backendChoice.config();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backend providers (highest rank first):");
        out.println(BackendSelector.discover(List.of()).report(BackendOptions.of(config.asMap())));
        out.println();
        out.println("glia.backend = " + config.backend() + " (from " + config.origin(GliaConfig.BACKEND) + ")");
        int status = 0;
        try (Backend backend = BackendChoice.open(config)) {
            out.println("Selected: " + backend.name() + " - " + backend.description());
        } catch (RuntimeException e) {
            out.println("Selected: none");
            // The selector's message repeats the provider list printed above (its indented lines): skip it.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            message.lines().filter(line -> !line.startsWith("  ")).forEach(out::println);
            status = GliaCommand.FAILURE;
        }
        out.flush();
        return status;
    }
}

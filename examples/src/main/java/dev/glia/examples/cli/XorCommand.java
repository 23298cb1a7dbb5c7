package dev.glia.examples.cli;

import dev.glia.api.Backend;
import dev.glia.examples.boundary.XorBoundaryPlot;
import dev.glia.examples.options.BackendChoice;
import dev.glia.examples.options.OutputPaths;
import dev.glia.examples.xor.XorLesson;
import dev.glia.examples.xor.XorResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code glia xor}: runs the XOR lesson and prints it as a report or as one JSON object. */
@Command(
        name = "xor",
        mixinStandardHelpOptions = true,
        description = {
            "The XOR lesson: a hand-set ReLU network, a trained tanh/sigmoid network, and a network "
                    + "without activations that cannot learn XOR because it folds into one affine layer.",
            "Exits with status 1 if a check of the lesson fails."
        })
final class XorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(names = "--json", description = "Print one JSON object instead of the report.")
    private boolean json;

    @Option(
            names = "--plot",
            paramLabel = "FILE",
            description = "Also draw the learned decision boundary beside the linear network's into the PNG FILE "
                    + "(a one-line summary goes to standard error).")
    private String plot;

    @Override
    public Integer call() {
        Path plotFile = plot == null ? null : OutputPaths.file("--plot", plot, "write the plot");
        XorResult result;
        try (Backend backend = backendChoice.open()) {
            result = new XorLesson(backend).run();
            if (plotFile != null) {
                spec.commandLine()
                        .getErr()
                        .println(XorBoundaryPlot.draw(backend, plotFile).summary());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(XorReport.json(result));
        } else {
            out.print(XorReport.text(result));
        }
        out.flush();
        if (!result.allChecksPass()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("glia: a check of the XOR lesson failed on backend " + result.backend()
                    + " (see the output above)");
            err.flush();
            return GliaCommand.FAILURE;
        }
        return 0;
    }
}

package dev.glia.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code glia} command: the entry point of {@code glia.jar} and of the {@code ./glia} launcher.
 *
 * <pre>
 * glia xor [--json] [--backend NAME]     the XOR lesson
 * glia backends [--backend NAME]         providers, configuration and the backend it selects
 * glia activations [--describe ID] [--out DIR]   the activations, as formulas and pictures
 * glia fashion [--data DIR|bundled] [--out DIR] [--json]   train and evaluate a Fashion-MNIST classifier
 * glia predict --model FILE IMAGE...     classify images with a saved model
 * </pre>
 *
 * Errors such as an unknown backend print one message to standard error and exit with status 1;
 * usage errors exit with status 2.
 */
@Command(name = "glia",
        mixinStandardHelpOptions = true,
        versionProvider = GliaCommand.Version.class,
        description = "Glia, neural networks for the JVM: lessons and tools.",
        subcommands = {XorCommand.class, BackendsCommand.class, ActivationsCommand.class,
                dev.glia.examples.fashion.FashionCommand.class, dev.glia.examples.predict.PredictCommand.class,
                CommandLine.HelpCommand.class})
public final class GliaCommand implements Callable<Integer> {
    /** Exit status of a run that failed (bad configuration, failed check). */
    public static final int FAILURE = 1;
    /** Exit status of a usage error (picocli's default). */
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli and {@link #commandLine()} call this. */
    public GliaCommand() {
        // fields are injected by picocli
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line. Tests call {@link CommandLine#execute} on it, after redirecting
     * {@link CommandLine#setOut} and {@link CommandLine#setErr} if they want the output.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new GliaCommand()).setExecutionExceptionHandler(new ShortErrors());
    }

    /** Without a subcommand: the usage, on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** Prints an exception as one line (or one message) on standard error, without a stack trace. */
    private static final class ShortErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            String message = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.toString() : ex.getMessage();
            err.println("glia: " + message);
            err.flush();
            return FAILURE;
        }
    }

    /** The version from the jar's manifest, when run from {@code glia.jar}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GliaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"glia " + (version == null ? "(version unknown outside glia.jar)" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

package dev.glia.examples.cli;

import dev.glia.examples.options.IoFailures;
import dev.glia.examples.options.UsageError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
 * glia parity [--plot FILE]              the running parity of bit streams: a windowed Dense network and an LSTM
 * glia text [--out DIR] [--model FILE --generate N]   a character-level language model of Moby-Dick
 * </pre>
 *
 * Errors such as an unknown backend print one message to standard error and exit with status 1;
 * usage errors (picocli's parse errors, and option values out of range) exit with status 2.
 */
@Command(
        name = "glia",
        mixinStandardHelpOptions = true,
        versionProvider = GliaCommand.Version.class,
        description = "Glia, neural networks for the JVM: lessons and tools.",
        subcommands = {
            XorCommand.class,
            BackendsCommand.class,
            ActivationsCommand.class,
            dev.glia.examples.fashion.FashionCommand.class,
            dev.glia.examples.predict.PredictCommand.class,
            dev.glia.examples.parity.ParityCommand.class,
            dev.glia.examples.text.TextCommand.class,
            CommandLine.HelpCommand.class
        })
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
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // a last resort: sizes are checked before allocating, but the heap may still be too small
            System.err.printf(
                    "glia: out of memory: the Java heap holds at most %,d MiB; choose a smaller model "
                            + "or batch, or give Java more with GLIA_JAVA_OPTS=-Xmx8g%n",
                    Runtime.getRuntime().maxMemory() >> 20);
            status = FAILURE;
        }
        System.exit(status);
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

    /**
     * Prints an exception as one line on standard error, without a stack trace: a {@link UsageError} (an option
     * out of range) exits with {@link #USAGE}, anything else with {@link #FAILURE}. I/O exceptions say what
     * failed and why ({@link IoFailures}); an exception that only a bug throws (a null pointer, an index out of
     * bounds...) is shown as an internal error with its type.
     */
    static final class ShortErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            err.println("glia: " + message(ex));
            err.flush();
            return ex instanceof UsageError ? USAGE : FAILURE;
        }

        /** The one line for {@code ex}, without the "glia: " in front. */
        static String message(Throwable ex) {
            if (ex instanceof UncheckedIOException u
                    && u.getCause() != null
                    && (u.getMessage() == null
                            || u.getMessage().equals(u.getCause().toString()))) {
                return IoFailures.describe(u.getCause());
            }
            if (ex instanceof IOException io) {
                return IoFailures.describe(io);
            }
            if (isBug(ex)) {
                return "internal error: " + ex;
            }
            String message = ex.getMessage();
            return message == null || message.isBlank() ? ex.toString() : withReason(message, ex.getCause());
        }

        /**
         * {@code message} with a path-only I/O exception at its end ("cannot read image /x: /x", or
         * "...: java.nio.file.NoSuchFileException: /x") replaced by the reason that exception stands for.
         */
        private static String withReason(String message, Throwable cause) {
            if (cause instanceof java.nio.file.FileSystemException f && f.getReason() == null && f.getFile() != null) {
                for (String tail : new String[] {f.toString(), f.getMessage()}) {
                    if (tail != null && message.endsWith(tail)) {
                        return message.substring(0, message.length() - tail.length())
                                + IoFailures.reason(f, java.nio.file.Path.of(f.getFile()));
                    }
                }
            }
            return message;
        }

        /** Exceptions that a correct program never throws, whatever the user gives it. */
        private static boolean isBug(Throwable ex) {
            return ex instanceof NullPointerException
                    || ex instanceof IndexOutOfBoundsException
                    || ex instanceof ClassCastException
                    || ex instanceof ArithmeticException
                    || ex instanceof NegativeArraySizeException
                    || ex instanceof ArrayStoreException
                    || ex instanceof java.util.ConcurrentModificationException;
        }
    }

    /** The version from the jar's manifest, when run from {@code glia.jar}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GliaCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "glia " + (version == null ? "(version unknown outside glia.jar)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}

package dev.glia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the command line, as {@code glia.jar} would run it: exit status, standard output and
 * standard error. The command tests share it.
 *
 * @param status the exit status
 * @param out    what was printed on standard output
 * @param err    what was printed on standard error
 */
public record Run(int status, String out, String err) {

    /** Runs {@code glia ARGS...} through {@link GliaCommand#commandLine()} and captures what it prints. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = GliaCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * Runs {@code glia COMMAND --backend ejml OPTIONS...} and asserts that it is refused as a usage error: exit
     * status 2, nothing on standard output, and exactly {@code "glia: " + message} as one line on standard error.
     */
    public static void assertRefused(String command, String message, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = command;
        args[1] = "--backend";
        args[2] = "ejml";
        System.arraycopy(options, 0, args, 3, options.length);
        Run r = run(args);
        assertEquals(2, r.status(), r.err());
        assertEquals("glia: " + message + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }
}

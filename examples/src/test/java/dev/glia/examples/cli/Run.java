package dev.glia.examples.cli;

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
}

package dev.glia.backend.opencl.internal;

/**
 * An OpenCL program failed to build. The message carries the compiler's build log and the complete
 * source with line numbers, so the failing line can be found from the exception alone.
 */
public final class KernelBuildException extends OpenClException {
    private static final long serialVersionUID = 1L;

    private final String buildLog;
    private final String source;
    private final String options;

    /** A build failure of {@code source}, compiled with {@code options}, whose compiler said {@code buildLog}. */
    public KernelBuildException(String program, int status, String options, String buildLog, String source) {
        super(
                "Building the OpenCL program '" + program + "' failed (status " + status + ") with options [" + options
                        + "].\n--- build log ---\n" + buildLog.strip() + "\n--- source ---\n" + numbered(source),
                status);
        this.buildLog = buildLog;
        this.source = source;
        this.options = options;
    }

    /** The compiler's output. */
    public String buildLog() {
        return buildLog;
    }

    /** The program source that failed. */
    public String source() {
        return source;
    }

    /** The build options used. */
    public String options() {
        return options;
    }

    private static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%4d| %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}

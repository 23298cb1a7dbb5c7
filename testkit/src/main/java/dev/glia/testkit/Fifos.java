package dev.glia.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Named pipes for the tests that prove a reader refuses one without opening it (opening a FIFO that has no
 * writer blocks). Made with {@code mkfifo}; where that is missing the calling test is skipped with a notice.
 */
public final class Fifos {
    private Fifos() {}

    /** Makes a FIFO at {@code path} and returns it, or skips the calling test. */
    public static Path make(Path path) throws InterruptedException {
        boolean made;
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString())
                    .redirectErrorStream(true)
                    .start();
            made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            made = false;
        }
        Assumptions.assumeTrue(made, "NOTICE: mkfifo is not available here; the FIFO case is not tested");
        return path;
    }
}

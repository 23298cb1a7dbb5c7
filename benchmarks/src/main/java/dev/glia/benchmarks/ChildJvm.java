package dev.glia.benchmarks;

import dev.glia.benchmarks.spi.BenchSystem;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one system's measurement in a JVM of its own, with the same settings for every system, so that
 * nothing is cached between systems and each peak RSS is that system's alone. The class path is the
 * coordinator's, as {@link BenchSystem#classPath} adjusts it (the dl4j peer swaps in its own OpenBLAS).
 *
 * <p>Every child gets the same heap limit and thread settings: {@code -XX:ActiveProcessorCount=T} (the
 * Java pools: EJML's, the fork-join common pool), {@code OMP_NUM_THREADS}, {@code OPENBLAS_NUM_THREADS},
 * {@code MKL_NUM_THREADS} = T (ND4J, OpenBLAS, PyTorch), and PyTorch's intra-op threads = T with one
 * inter-op thread. Everything else in the environment (e.g. {@code OPENBLAS_CORETYPE}) is inherited as is;
 * the JDK's {@code libjsig.so} is preloaded so that native libraries cannot take the JVM's signals.
 */
public final class ChildJvm {
    /**
     * The settings shared by every child.
     *
     * @param threads  threads every system may use
     * @param heap     the {@code -Xmx} value, e.g. {@code 3g}
     * @param jvmArgs  further JVM options for every child
     * @param jfrDir   when not null, each child records a JFR profile ({@code <system>.jfr}) there
     * @param timeout  the longest a child may run
     */
    public record Settings(int threads, String heap, List<String> jvmArgs, Path jfrDir, Duration timeout) {}

    /** A child that failed: the reason, with what it printed last. */
    public static final class ChildFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ChildFailure(String message) {
            super(message);
        }
    }

    private ChildJvm() {}

    /** The environment every child gets on top of this process's. */
    static Map<String, String> threadEnvironment(BenchSystem system, int threads) {
        Map<String, String> env = new LinkedHashMap<>();
        String t = Integer.toString(threads);
        env.put("OMP_NUM_THREADS", t);
        env.put("OPENBLAS_NUM_THREADS", t);
        env.put("MKL_NUM_THREADS", t);
        env.putAll(system.environment(threads));
        // Signal chaining: a native library that installs its own SIGSEGV handler (seen with the native
        // backends' libraries loaded) otherwise kills the JVM at its next safepoint poll, without an hs_err file.
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        if (Files.isRegularFile(jsig)) {
            String preload = System.getenv("LD_PRELOAD");
            env.put("LD_PRELOAD", preload == null || preload.isBlank() ? jsig.toString() : jsig + " " + preload);
        }
        return env;
    }

    /** The JVM command line of a child running {@code Main worker <task> --system <name> args…}. */
    static List<String> command(BenchSystem system, String task, List<String> args, Settings s) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + s.heap());
        cmd.add("-XX:ActiveProcessorCount=" + s.threads());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error"); // "no GPU" on a CPU machine
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dai.djl.pytorch.num_threads=" + s.threads());
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        if (s.jfrDir() != null) {
            cmd.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + s.jfrDir().resolve(system.name() + "-" + task + ".jfr").toAbsolutePath());
        }
        cmd.addAll(s.jvmArgs());
        cmd.add("-cp");
        List<String> shared = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        cmd.add(String.join(File.pathSeparator, system.classPath(shared)));
        cmd.add(Main.class.getName());
        cmd.add("worker");
        cmd.add(task);
        cmd.add("--system");
        cmd.add(system.name());
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs the child and returns its result lines (each a map). The child's standard error (its progress)
     * goes to ours; other lines of its standard output are copied to {@code log}.
     */
    public static List<Map<String, String>> run(
            BenchSystem system, String task, List<String> args, Settings s, PrintStream log) throws ChildFailure {
        List<String> cmd = command(system, task, args, s);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(threadEnvironment(system, s.threads()));
        List<Map<String, String>> results = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        Process p;
        try {
            if (s.jfrDir() != null) {
                Files.createDirectories(s.jfrDir());
            }
            p = pb.start();
        } catch (IOException e) {
            throw new ChildFailure("cannot start a JVM: " + e.getMessage());
        }
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (ResultLine.isResult(line)) {
                                synchronized (results) {
                                    results.add(ResultLine.parse(line));
                                }
                            } else {
                                log.println("  [" + system.name() + "] " + line);
                                synchronized (tail) {
                                    tail.add(line);
                                    if (tail.size() > 20) {
                                        tail.remove(0);
                                    }
                                }
                            }
                        }
                    } catch (IOException | IllegalArgumentException e) {
                        log.println("  [" + system.name() + "] cannot read the child's output: " + e);
                    }
                },
                "child-output-" + system.name());
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ChildFailure("interrupted");
        }
        if (!finished) {
            throw new ChildFailure("timed out after " + s.timeout().toMinutes() + " min (--timeout-min)");
        }
        synchronized (results) {
            for (Map<String, String> r : results) {
                if (r.containsKey("error")) {
                    throw new ChildFailure(r.get("error"));
                }
            }
            if (p.exitValue() != 0 || results.isEmpty()) {
                String last;
                synchronized (tail) {
                    last = tail.isEmpty() ? "" : ": " + String.join(" | ", tail);
                }
                throw new ChildFailure(
                        String.format(Locale.ROOT, "the child JVM exited with status %d%s", p.exitValue(), last));
            }
            return List.copyOf(results);
        }
    }
}

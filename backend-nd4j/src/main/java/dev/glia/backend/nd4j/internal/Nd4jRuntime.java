package dev.glia.backend.nd4j.internal;

import dev.glia.api.spi.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Starts ND4J's native side once per JVM and remembers the outcome, so that probing is cheap after the
 * first time and never throws.
 *
 * <p>Starting means: ND4J's static initialisation (which loads {@code libnd4jcpu} through JavaCPP), the
 * JavaCPP binding of OpenBLAS that {@link Blas} calls, switching off ND4J's periodic garbage collection
 * (every tensor is freed explicitly; the setting is JVM-wide), and a smoke test that allocates, multiplies
 * and frees a tiny matrix. Any failure — {@link UnsatisfiedLinkError} for a missing or mismatched native
 * library, {@link ExceptionInInitializerError} or {@link NoClassDefFoundError} from ND4J's static
 * initialiser, ND4J's own {@code RuntimeException}s, even an {@link Error} from JavaCPP — is caught and
 * turned into {@link Availability#unavailable} with the cause chain and a hint.
 *
 * <p>A native library that crashes the process while loading cannot be caught by any JVM; the
 * dependencies name the generic {@code linux-x86_64} binaries (no AVX-specific build), which load on any
 * x86-64 CPU.
 */
public final class Nd4jRuntime {
    private static final Object LOCK = new Object();
    private static volatile Availability status;
    private static volatile String versions = "ND4J, OpenBLAS";

    private Nd4jRuntime() {}

    /** Whether ND4J's native side runs here; started on the first call, remembered afterwards. */
    public static Availability probe() {
        Availability s = status;
        if (s == null) {
            synchronized (LOCK) {
                s = status;
                if (s == null) {
                    s = start();
                    status = s;
                }
            }
        }
        return s;
    }

    /** One line for a backend using {@code threads} threads, e.g. {@code ND4J 1.0.0-M2.1, OpenBLAS 0.3.31, native memory, 2 threads}. */
    public static String describe(int threads) {
        return versions + ", native memory, " + threads + (threads == 1 ? " thread" : " threads");
    }

    private static Availability start() {
        try {
            NativeStart.run();
            versions = "ND4J " + version("org.nd4j", "nd4j-api") + ", OpenBLAS "
                    + version("org.bytedeco", "openblas").replaceFirst("-[0-9.]+$", "");
            return Availability.available(describe(1));
        } catch (Throwable t) { // anything at all: a probe must not throw (see the class description)
            return Availability.unavailable(reason(t));
        }
    }

    /** The cause chain in one line, with what to check. */
    static String reason(Throwable t) {
        StringBuilder sb = new StringBuilder("ND4J's native library could not be started: ");
        Throwable c = t;
        for (int depth = 0; c != null && depth < 4; depth++, c = c.getCause()) {
            sb.append(depth == 0 ? "" : " <- ").append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                // the library path JavaCPP lists is long and says nothing the hint below does not
                String m = c.getMessage().replace('\n', ' ').replaceFirst(" in java\\.library\\.path: .*", "");
                sb.append(": ").append(m.length() > 160 ? m.substring(0, 160) + "…" : m);
            }
        }
        sb.append(". This needs org.nd4j:nd4j-native with the classifier of this platform (")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append("; Glia's build uses -Djavacpp.platform, default linux-x86_64) and org.bytedeco:openblas with"
                        + " the same classifier on the class path, and a writable ~/.javacpp/cache"
                        + " (or -Dorg.bytedeco.javacpp.cachedir=…)");
        return sb.toString();
    }

    /** The version in {@code META-INF/maven/<group>/<artifact>/pom.properties}, or {@code ?}. */
    private static String version(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        ClassLoader loader = Nd4jRuntime.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(path)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException | IllegalArgumentException e) {
            return "?";
        }
    }
}

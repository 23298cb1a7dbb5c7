package dev.glia.benchmarks.peers;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** One line about ND4J as it runs here: backend, BLAS vendor and threads. */
final class Nd4jEngine {
    private Nd4jEngine() {}

    static String describe(String prefix) {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return prefix + ", ND4J " + Nd4j.getBackend().getClass().getSimpleName() + ", BLAS "
                + Nd4j.factory().blas().getBlasVendor() + " " + ShippedBlas.loadedVersion() + " ("
                + Nd4j.factory().blas().getMaxThreads()
                + " threads), OpenMP threads " + env.getOrDefault("omp.threads", "?")
                + ", OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)");
    }
}

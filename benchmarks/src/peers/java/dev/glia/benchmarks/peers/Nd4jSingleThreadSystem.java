package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.GemmContender;
import dev.glia.benchmarks.spi.Task;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * ND4J's sgemm (OpenBLAS) limited to one thread: the single-thread BLAS reference the gemm figures are
 * compared with. Its JVM gets {@code OMP_NUM_THREADS=1} and {@code OPENBLAS_NUM_THREADS=1}, and the
 * contender also calls {@code Blas.setMaxThreads(1)} and checks it took.
 */
public final class Nd4jSingleThreadSystem implements BenchSystem {
    /** Used by {@link java.util.ServiceLoader}. */
    public Nd4jSingleThreadSystem() {}

    @Override
    public String name() {
        return "nd4j-1t";
    }

    @Override
    public Set<Task> tasks() {
        return EnumSet.of(Task.GEMM);
    }

    @Override
    public Map<String, String> environment(int threads) {
        return Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");
    }

    @Override
    public String unavailableReason() {
        return PeerClasses.missing("org.nd4j.linalg.factory.Nd4j", "ND4J");
    }

    @Override
    public String remark() {
        return "OpenBLAS sgemm (hand-written assembly kernels) on one thread: the single-thread native reference";
    }

    @Override
    public GemmContender gemm() {
        return new Nd4jGemm(true);
    }
}

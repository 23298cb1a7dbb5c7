package dev.glia.benchmarks.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One contender of the side-by-side benchmarks: a Glia backend or a peer framework. Instances are cheap;
 * {@link #unavailableReason()} is asked in the coordinating JVM, everything else runs in the child JVM
 * that measures this system alone.
 *
 * <p>Peers (DL4J, DJL-PyTorch, ND4J single-threaded) implement this in {@code src/peers}, compiled only
 * with {@code -Pbench}, and register through {@code META-INF/services/dev.glia.benchmarks.spi.BenchSystem}.
 */
public interface BenchSystem {
    /** The name in tables and on the command line, e.g. {@code glia-ejml}, {@code dl4j}. */
    String name();

    /** Whether this is a Glia backend (ratios are Glia against each peer). */
    default boolean isGlia() {
        return false;
    }

    /** What this system can be measured on. */
    Set<Task> tasks();

    /** Null when the system can run here, else why not (cheap; must not load native code). */
    default String unavailableReason() {
        return null;
    }

    /**
     * Environment variables this system's child JVM needs beyond the shared ones (which set every native
     * thread pool to {@code threads}); used to give {@code nd4j-1t} its single thread.
     */
    default Map<String, String> environment(int threads) {
        return Map.of();
    }

    /**
     * The class path of this system's child JVM, given the coordinator's ({@code shared}, one entry per jar
     * or folder); used to run the dl4j peer on the native libraries DL4J ships with.
     */
    default List<String> classPath(List<String> shared) {
        return shared;
    }

    /**
     * A remark for the notes beside the tables when this system's speed owes something to a part that is
     * not the framework itself (a BLAS library, a native runtime); empty when there is none.
     */
    default String remark() {
        return "";
    }

    /**
     * Whether a run without {@code --systems} includes this system; false for variants that exist for one study (the
     * cross-check's idiomatic training loops) and run only when named.
     */
    default boolean offeredByDefault() {
        return true;
    }

    /** The MLP trainer (throughput). */
    default MlpContender mlp(MlpSpec spec) {
        throw new UnsupportedOperationException(name() + " does not run the throughput benchmark");
    }

    /** The CNN trainer (cnn). */
    default CnnContender cnn(CnnSpec spec) {
        throw new UnsupportedOperationException(name() + " does not run the cnn benchmark");
    }

    /** The character LSTM trainer (lstm). */
    default LstmContender lstm(LstmSpec spec) {
        throw new UnsupportedOperationException(name() + " does not run the lstm benchmark");
    }

    /** The matrix-product contender. */
    default GemmContender gemm() {
        throw new UnsupportedOperationException(name() + " does not run the gemm benchmark");
    }

    /** The XOR trainer. */
    default XorContender xor(XorSpec spec) {
        throw new UnsupportedOperationException(name() + " does not run the xor benchmark");
    }
}

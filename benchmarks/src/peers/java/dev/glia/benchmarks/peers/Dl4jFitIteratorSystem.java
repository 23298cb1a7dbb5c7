package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Task;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code dl4j-fit-iterator}, for the cross-check ({@code benchmarks/run crosscheck}): the same DL4J networks
 * trained the way a DL4J user writes it, a {@code DataSetIterator} and {@code MultiLayerNetwork.fit(iterator, epochs)}, instead of the harness's
 * own loop over its host arrays. Not run unless named.
 */
public final class Dl4jFitIteratorSystem implements BenchSystem {
    private final Dl4jSystem plain = new Dl4jSystem();

    /** Used by {@link java.util.ServiceLoader}. */
    public Dl4jFitIteratorSystem() {}

    @Override
    public String name() {
        return "dl4j-fit-iterator";
    }

    @Override
    public Set<Task> tasks() {
        return EnumSet.of(Task.THROUGHPUT, Task.CNN);
    }

    @Override
    public boolean offeredByDefault() {
        return false;
    }

    @Override
    public String unavailableReason() {
        return plain.unavailableReason();
    }

    @Override
    public java.util.List<String> classPath(java.util.List<String> shared) {
        return plain.classPath(shared);
    }

    @Override
    public String remark() {
        return plain.remark() + "; trained through a DataSetIterator and fit(iterator, epochs) (the cross-check)";
    }

    @Override
    public MlpContender mlp(MlpSpec spec) {
        return (MlpContender) ((Dl4jClassifier) plain.mlp(spec)).useFitIterator();
    }

    @Override
    public CnnContender cnn(CnnSpec spec) {
        return (CnnContender) ((Dl4jClassifier) plain.cnn(spec)).useFitIterator();
    }
}

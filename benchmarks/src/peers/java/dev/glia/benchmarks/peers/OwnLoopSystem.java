package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Task;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A peer trained through the loop its own users write, for the cross-check ({@code benchmarks/run crosscheck}):
 * the {@code plain} system in every respect (availability, class path, environment, models), except that its
 * classifiers are switched to their own loop by {@link #ownLoop}. Not run unless named.
 */
abstract class OwnLoopSystem implements BenchSystem {
    private final BenchSystem plain;
    private final String name;
    private final String loop;

    /**
     * @param plain the peer as the harness runs it
     * @param name  this variant's system name
     * @param loop  the users' loop, as the remark names it
     */
    OwnLoopSystem(BenchSystem plain, String name, String loop) {
        this.plain = plain;
        this.name = name;
        this.loop = loop;
    }

    /** {@code classifier}, one of {@code plain}'s MLP or CNN contenders, switched to the users' loop. */
    abstract Object ownLoop(Object classifier);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Task> tasks() {
        return EnumSet.of(Task.THROUGHPUT, Task.CNN);
    }

    @Override
    public final boolean offeredByDefault() {
        return false;
    }

    @Override
    public final String unavailableReason() {
        return plain.unavailableReason();
    }

    @Override
    public final Map<String, String> environment(int threads) {
        return plain.environment(threads);
    }

    @Override
    public final List<String> classPath(List<String> shared) {
        return plain.classPath(shared);
    }

    @Override
    public final String remark() {
        return plain.remark() + "; trained through " + loop + " (the cross-check)";
    }

    @Override
    public final MlpContender mlp(MlpSpec spec) {
        return (MlpContender) ownLoop(plain.mlp(spec));
    }

    @Override
    public final CnnContender cnn(CnnSpec spec) {
        return (CnnContender) ownLoop(plain.cnn(spec));
    }
}

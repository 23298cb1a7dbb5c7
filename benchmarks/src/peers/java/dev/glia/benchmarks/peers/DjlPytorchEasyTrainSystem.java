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
 * {@code djl-pytorch-easytrain}, for the cross-check ({@code benchmarks/run crosscheck}): the same DJL-PyTorch models
 * trained the way a DJL user writes it, an {@code ArrayDataset} and {@code EasyTrain.fit}, instead of the harness's
 * own loop (its training steps on batches it gathers on the engine in {@code EpochOrder}'s order). Not run unless
 * named.
 */
public final class DjlPytorchEasyTrainSystem implements BenchSystem {
    private final DjlPytorchSystem plain = new DjlPytorchSystem();

    /** Used by {@link java.util.ServiceLoader}. */
    public DjlPytorchEasyTrainSystem() {}

    @Override
    public String name() {
        return "djl-pytorch-easytrain";
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
    public String remark() {
        return plain.remark() + "; trained through ArrayDataset and EasyTrain.fit (the cross-check)";
    }

    @Override
    public MlpContender mlp(MlpSpec spec) {
        return (MlpContender) ((DjlClassifier) plain.mlp(spec)).useEasyTrain();
    }

    @Override
    public CnnContender cnn(CnnSpec spec) {
        return (CnnContender) ((DjlClassifier) plain.cnn(spec)).useEasyTrain();
    }
}

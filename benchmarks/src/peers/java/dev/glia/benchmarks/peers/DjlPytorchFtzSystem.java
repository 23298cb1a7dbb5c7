package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Task;
import dev.glia.benchmarks.spi.XorContender;
import dev.glia.benchmarks.spi.XorSpec;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code djl-pytorch-ftz}: the same DJL-PyTorch models, with PyTorch's flush-denormal setting on before the first
 * tensor operation ({@link DjlSupport#flushDenormals}), a setting a PyTorch user chooses with
 * {@code torch.set_flush_denormal(True)}. It shows what the subnormal floats in Adam's moments cost {@code djl-pytorch}
 * (see docs/benchmarks.md, "Why the peers warm up slowly").
 */
public final class DjlPytorchFtzSystem implements BenchSystem {
    private final DjlPytorchSystem plain = new DjlPytorchSystem();

    /** Used by {@link java.util.ServiceLoader}. */
    public DjlPytorchFtzSystem() {}

    @Override
    public String name() {
        return "djl-pytorch-ftz";
    }

    @Override
    public Set<Task> tasks() {
        return EnumSet.of(Task.THROUGHPUT, Task.CNN, Task.XOR);
    }

    @Override
    public String unavailableReason() {
        return plain.unavailableReason();
    }

    @Override
    public String remark() {
        return plain.remark() + "; PyTorch's flush-denormal mode on (torch.set_flush_denormal(True) in Python; DJL has"
                + " no API for it, so libtorch's at::globalContext().setFlushDenormal(true) is called through JNA)";
    }

    @Override
    public MlpContender mlp(MlpSpec spec) {
        DjlSupport.flushDenormals();
        return plain.mlp(spec);
    }

    @Override
    public CnnContender cnn(CnnSpec spec) {
        DjlSupport.flushDenormals();
        return plain.cnn(spec);
    }

    @Override
    public XorContender xor(XorSpec spec) {
        DjlSupport.flushDenormals();
        return plain.xor(spec);
    }
}

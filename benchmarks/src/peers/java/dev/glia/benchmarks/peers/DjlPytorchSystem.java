package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.GemmContender;
import dev.glia.benchmarks.spi.LstmContender;
import dev.glia.benchmarks.spi.LstmSpec;
import dev.glia.benchmarks.spi.MlpContender;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Task;
import dev.glia.benchmarks.spi.XorContender;
import dev.glia.benchmarks.spi.XorSpec;
import java.util.EnumSet;
import java.util.Set;

/** DJL 0.36.0 with the PyTorch 2.7.1 engine (CPU, offline: the native library comes from the class path). */
public final class DjlPytorchSystem implements BenchSystem {
    /** Used by {@link java.util.ServiceLoader}. */
    public DjlPytorchSystem() {}

    @Override
    public String name() {
        return "djl-pytorch";
    }

    @Override
    public Set<Task> tasks() {
        return EnumSet.allOf(Task.class);
    }

    @Override
    public String unavailableReason() {
        return PeerClasses.missing("ai.djl.pytorch.engine.PtEngine", "DJL with the PyTorch engine");
    }

    @Override
    public String remark() {
        return "libtorch (C++): MKL/oneDNN sgemm and vectorised ATen kernels; Java only drives it through JNI";
    }

    @Override
    public MlpContender mlp(MlpSpec spec) {
        return new DjlMlp(spec);
    }

    @Override
    public CnnContender cnn(CnnSpec spec) {
        return new DjlCnn(spec);
    }

    @Override
    public LstmContender lstm(LstmSpec spec) {
        return new DjlLstm(spec);
    }

    @Override
    public GemmContender gemm() {
        return new DjlGemm();
    }

    @Override
    public XorContender xor(XorSpec spec) {
        return new DjlXor(spec);
    }
}

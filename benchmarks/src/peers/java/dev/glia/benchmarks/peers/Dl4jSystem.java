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
import java.util.List;
import java.util.Set;

/** Deeplearning4j 1.0.0-M2.1: {@code MultiLayerNetwork} on ND4J's native CPU backend (nd4j-native, OpenBLAS). */
public final class Dl4jSystem implements BenchSystem {
    /** Used by {@link java.util.ServiceLoader}. */
    public Dl4jSystem() {}

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public Set<Task> tasks() {
        return EnumSet.allOf(Task.class);
    }

    @Override
    public String unavailableReason() {
        return PeerClasses.missing("org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "DL4J");
    }

    /** DL4J as its users get it: on the OpenBLAS 0.3.19 it ships with, not the newer one Glia pins. */
    @Override
    public List<String> classPath(List<String> shared) {
        return ShippedBlas.swapInto(shared);
    }

    @Override
    public String remark() {
        return "native C++ (libnd4j) with OpenBLAS sgemm (0.3.19, as DL4J 1.0.0-M2.1 ships it: it does not"
                + " recognise every current CPU, see docs/nd4j.md); Java drives it through JavaCPP";
    }

    @Override
    public MlpContender mlp(MlpSpec spec) {
        return new Dl4jMlp(spec);
    }

    @Override
    public CnnContender cnn(CnnSpec spec) {
        return new Dl4jCnn(spec);
    }

    @Override
    public LstmContender lstm(LstmSpec spec) {
        return new Dl4jLstm(spec);
    }

    @Override
    public GemmContender gemm() {
        return new Nd4jGemm(false);
    }

    @Override
    public XorContender xor(XorSpec spec) {
        return new Dl4jXor(spec);
    }
}

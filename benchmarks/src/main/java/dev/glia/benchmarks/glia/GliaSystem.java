package dev.glia.benchmarks.glia;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A Glia backend as a benchmarked system, named {@code glia-<backend>}. */
public final class GliaSystem implements BenchSystem {
    /** The prefix of every Glia system's name. */
    public static final String PREFIX = "glia-";

    private final String backend;
    private final String unavailable;

    /** The system for backend {@code backend}; {@code unavailable} is the probe's reason, or null. */
    public GliaSystem(String backend, String unavailable) {
        this.backend = backend;
        this.unavailable = unavailable;
    }

    /** One system per backend provider on the class path (available or not, with the probe's reason). */
    public static List<BenchSystem> discover() {
        List<BenchSystem> out = new ArrayList<>();
        for (GliaBackends.Found f : GliaBackends.discover()) {
            out.add(new GliaSystem(
                    f.name(),
                    f.availability().available() ? null : f.availability().detail()));
        }
        out.sort(java.util.Comparator.comparing(BenchSystem::name));
        return out;
    }

    /** The backend's configuration name, e.g. {@code ejml}. */
    public String backend() {
        return backend;
    }

    @Override
    public String name() {
        return PREFIX + backend;
    }

    @Override
    public boolean isGlia() {
        return true;
    }

    @Override
    public Set<Task> tasks() {
        return EnumSet.allOf(Task.class);
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public String remark() {
        return switch (backend) {
            case "ejml" ->
                "pure Java, no native code: matrix products by the backend's row-panel FMA kernel and"
                        + " element-wise math by Janino-compiled fused loops, both vectorised by the JIT";
            case "nd4j" ->
                "matrix products by OpenBLAS through ND4J (native, as in dl4j); element-wise math by"
                        + " Glia's fused loops over native memory";
            case "opencl" ->
                "OpenCL kernels on the device named in the engine line (PoCL on a CPU is a portability"
                        + " check, not a GPU figure)";
            default -> "";
        };
    }

    @Override
    public MlpContender mlp(MlpSpec spec) {
        return new GliaMlp(backend, spec);
    }

    @Override
    public CnnContender cnn(CnnSpec spec) {
        return new GliaCnn(backend, spec);
    }

    @Override
    public LstmContender lstm(LstmSpec spec) {
        return new GliaLstm(backend, spec);
    }

    @Override
    public GemmContender gemm() {
        return new GliaGemm(backend);
    }

    @Override
    public XorContender xor(XorSpec spec) {
        return new GliaXor(backend, spec);
    }
}

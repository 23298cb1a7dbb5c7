package dev.glia.benchmarks.peers;

import ai.djl.engine.Engine;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The PyTorch engine, seeded, and one line about it; and PyTorch's flush-denormal setting for {@code djl-pytorch-ftz}. */
final class DjlSupport {
    static final String ENGINE = "PyTorch";
    /** libtorch's {@code at::globalContext()}. */
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    /** libtorch's {@code bool at::Context::setFlushDenormal(bool)}, what {@code torch.set_flush_denormal} calls. */
    private static final String SET_FLUSH_DENORMAL = "_ZN2at7Context16setFlushDenormalEb";

    private static boolean flushDenormal;

    private DjlSupport() {}

    static Engine engine(long seed) {
        Engine e = Engine.getEngine(ENGINE);
        e.setRandomSeed((int) seed);
        return e;
    }

    static String describe() {
        Engine e = Engine.getEngine(ENGINE);
        return "DJL " + Engine.getDjlVersion() + ", PyTorch " + e.getVersion() + " (CPU), intra-op threads "
                + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", inter-op threads "
                + System.getProperty("ai.djl.pytorch.num_interop_threads", "default")
                + (flushDenormal ? ", flush-denormal on (at::globalContext().setFlushDenormal(true))" : "");
    }

    /**
     * Turns on PyTorch's flush-denormal mode, {@code torch.set_flush_denormal(True)} in Python: libtorch's
     * {@code at::globalContext().setFlushDenormal(true)}, which sets the FTZ and DAZ bits of the calling thread's
     * MXCSR, so that subnormal results become zero and subnormal inputs read as zero. DJL 0.36 has no API for it, so
     * this calls libtorch's exported function through JNA (a DJL dependency). It must run before the first tensor
     * operation: PyTorch's OpenMP worker threads are created by the first parallel operation and inherit the calling
     * thread's floating-point environment then. Fails when libtorch is not loaded or the CPU lacks DAZ.
     */
    static void flushDenormals() {
        Engine.getEngine(ENGINE); // loads libtorch
        NativeLibrary torch =
                NativeLibrary.getInstance(loadedLibrary("libtorch_cpu.so").toString());
        Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
        Function set = torch.getFunction(SET_FLUSH_DENORMAL);
        int supported = set.invokeInt(new Object[] {context, 1}) & 0xff;
        if (supported == 0) {
            throw new IllegalStateException("libtorch's setFlushDenormal(true) returned false: this CPU has no"
                    + " denormals-are-zero mode, so djl-pytorch-ftz cannot run here");
        }
        flushDenormal = true;
    }

    /** The path of the loaded shared library {@code name}, from {@code /proc/self/maps}. */
    private static Path loadedLibrary(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/" + name)) {
                    return Path.of(line.substring(slash));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/maps to find " + name + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(
                name + " is not loaded in this JVM; DJL's PyTorch engine should have loaded it");
    }
}

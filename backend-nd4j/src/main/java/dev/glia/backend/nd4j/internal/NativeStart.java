package dev.glia.backend.nd4j.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part of {@link Nd4jRuntime} that touches ND4J and OpenBLAS, in a class of its own so that a missing
 * ND4J jar fails here (as a {@link NoClassDefFoundError} the caller catches) rather than when the runtime
 * class loads.
 */
final class NativeStart {
    private NativeStart() {}

    /** Starts ND4J and OpenBLAS and checks a tiny product; throws whatever they throw. */
    static void run() {
        Nd4j.getBackend(); // ND4J's static start-up: loads libnd4jcpu through JavaCPP
        // Every tensor is closed explicitly: no collections to find unreachable buffers (a JVM-wide setting).
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        Blas.singleThreaded(); // loads the OpenBLAS binding Blas calls
        smokeTest();
    }

    /** [[1, 2], [3, 4]] squared through {@link Blas}, in arrays allocated and freed like tensors. */
    // javac's "try" lint: the workspace scope is only opened and closed around the allocations, never read.
    @SuppressWarnings("try")
    private static void smokeTest() {
        INDArray a;
        INDArray c;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            a = Nd4j.create(DataType.FLOAT, new long[] {2, 2}, 'c');
            c = Nd4j.create(DataType.FLOAT, new long[] {2, 2}, 'c');
        }
        try {
            FloatBuffer in = a.data().asNioFloat();
            in.put(0, new float[] {1, 2, 3, 4});
            new Blas()
                    .sgemm(
                            false,
                            false,
                            2,
                            2,
                            2,
                            1f,
                            a.data().address(),
                            2,
                            a.data().address(),
                            2,
                            0f,
                            c.data().address(),
                            2);
            float[] got = new float[4];
            c.data().asNioFloat().get(0, got);
            if (got[0] != 7 || got[1] != 10 || got[2] != 15 || got[3] != 22) {
                throw new IllegalStateException("OpenBLAS gave a wrong product " + Arrays.toString(got)
                        + " for [[1, 2], [3, 4]] squared in FLOAT32; expected [7.0, 10.0, 15.0, 22.0]");
            }
        } finally {
            a.close();
            c.close();
        }
    }
}

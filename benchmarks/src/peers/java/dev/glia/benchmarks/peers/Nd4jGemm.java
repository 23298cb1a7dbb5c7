package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.GemmContender;
import dev.glia.benchmarks.spi.GemmInputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code Nd4j.gemm(A, B, C, false, false, 1, 0)} on float32 c-order arrays. */
final class Nd4jGemm implements GemmContender {
    private final boolean singleThread;
    private INDArray a;
    private INDArray b;
    private INDArray c;

    Nd4jGemm(boolean singleThread) {
        this.singleThread = singleThread;
        if (singleThread) {
            Nd4j.factory().blas().setMaxThreads(1);
            int t = Nd4j.factory().blas().getMaxThreads();
            if (t != 1) {
                throw new IllegalStateException("OpenBLAS still reports " + t + " threads after setMaxThreads(1)");
            }
        }
    }

    @Override
    public String engine() {
        return Nd4jEngine.describe("ND4J 1.0.0-M2.1 sgemm" + (singleThread ? " (one thread)" : ""));
    }

    @Override
    public void prepare(GemmInputs in) {
        release();
        a = Nd4j.create(in.a(), new long[] {in.m(), in.k()}, 'c');
        b = Nd4j.create(in.b(), new long[] {in.k(), in.n()}, 'c');
        c = Nd4j.create(DataType.FLOAT, new long[] {in.m(), in.n()}, 'c');
    }

    @Override
    public void multiply() {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }

    @Override
    public void sync() {}

    @Override
    public float firstElement() {
        return c.getFloat(0, 0);
    }

    @Override
    public void release() {
        for (INDArray x : new INDArray[] {a, b, c}) {
            if (x != null) {
                x.close();
            }
        }
        a = b = c = null;
    }

    @Override
    public void close() {
        release();
    }
}

package dev.glia.benchmarks.spi;

/** One system's matrix product C = A·B (float32, row-major, no transposes) for the gemm benchmark. */
public interface GemmContender extends AutoCloseable {
    /** The library, its version, the BLAS or device and the threads, in one line. */
    String engine();

    /** Copies the operands into the system's memory and allocates C (m×n). */
    void prepare(GemmInputs inputs);

    /** C = A·B once. */
    void multiply();

    /** Waits until every product asked for has finished (a device backend queues work). */
    void sync();

    /** C[0][0], read on the host: checks the result and keeps the work observable. */
    float firstElement();

    /** Frees A, B and C. */
    void release();

    /** Frees everything. */
    @Override
    void close();
}

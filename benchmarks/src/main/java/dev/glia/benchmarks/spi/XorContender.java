package dev.glia.benchmarks.spi;

/** One system's XOR network (see {@link XorSpec}) for the step benchmark. */
public interface XorContender extends AutoCloseable {
    /** The library, its version and the threads, in one line. */
    String engine();

    /** Runs {@code n} full training steps (forward, loss, backward, Adam update) on the batch of four. */
    void steps(int n);

    /** The current loss on the four samples (checks that the steps really train). */
    double loss();

    /** Frees everything. */
    @Override
    void close();
}

package dev.glia.backend.nd4j.internal;

import dev.glia.kernels.java.WindowKernels;

/**
 * Runs the window operations and {@code permute} ({@link WindowKernels}, over the tensors' direct buffers) on
 * the backend's {@link Workers}: a call large enough is cut into one part per thread, each writing its own
 * planes (or permuted units), so the result is the same however it is cut; a small one runs on the caller.
 */
final class WindowCalls implements Workers.Job {
    /** Elements a call touches from which it is split (about 0.1 ms of copying on one core). */
    static final long SPLIT_ELEMENTS = 1 << 17;

    private final Workers workers;
    private final WindowKernels kernels;
    /** The parts of the call being split: set by {@link #run(int)}, read by the parts. */
    private int parts;

    WindowCalls(Workers workers) {
        this.workers = workers;
        this.kernels = new WindowKernels(workers.threads());
    }

    /** The kernels, to set a call up on; then {@link #run(int)} it. */
    WindowKernels kernels() {
        return kernels;
    }

    /** Runs the call set up on {@link #kernels()}, of {@code units} units. */
    void run(int units) {
        if (workers.threads() == 1 || units < 2 || kernels.elements() < SPLIT_ELEMENTS) {
            kernels.runAll();
            return;
        }
        parts = Math.min(workers.threads(), units);
        try {
            workers.run(this, parts);
        } finally {
            kernels.finish();
        }
    }

    @Override
    public void run(int part, int worker) {
        kernels.run(part, parts, worker);
    }
}

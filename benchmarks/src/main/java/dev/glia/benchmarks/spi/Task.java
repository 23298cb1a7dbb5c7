package dev.glia.benchmarks.spi;

/** What a system can be measured on; each is one subcommand of {@code benchmarks/run}. */
public enum Task {
    /** Training the 784-256-128-10 MLP on Fashion-MNIST: samples/s, accuracy, inference, peak RSS. */
    THROUGHPUT,
    /** Training the CNN of {@link CnnSpec} on Fashion-MNIST: samples/s, accuracy, inference, peak RSS. */
    CNN,
    /** Training the character LSTM of {@link LstmSpec} on a text: characters/s, bits per character, step latency. */
    LSTM,
    /** One matrix product C = A·B at given sizes: GFLOPS. */
    GEMM,
    /** One full training step of a 2-8-1 network on the four XOR samples: µs. */
    XOR,
    /** Single-sample predictions per second through Glia's {@code Predictor} from 1, 2 and 8 threads (Glia only). */
    PREDICTOR;

    /** Whether only Glia's systems run this task (the peers have no counterpart of what it measures). */
    public boolean gliaOnly() {
        return this == PREDICTOR;
    }
}

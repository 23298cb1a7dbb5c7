package dev.glia.benchmarks.peers;

import ai.djl.engine.Engine;

/** The PyTorch engine, seeded, and one line about it. */
final class DjlSupport {
    static final String ENGINE = "PyTorch";

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
                + System.getProperty("ai.djl.pytorch.num_interop_threads", "default");
    }
}

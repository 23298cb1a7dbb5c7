package dev.glia.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gates the plot draws are recomputed on the host from the trained weights; the recomputation is checked
 * against the network itself: its Dense output at every step must equal the network's prediction.
 */
class GateTraceTest {
    @Test
    void theHostRecomputationPredictsWhatTheNetworkPredicts() {
        try (Backend backend =
                Backends.create(GliaConfig.builder().backend("ejml").build())) {
            ParityData train = ParityData.generate(64, 20, 5);
            var settings = new ParityCommand.Settings(10, 64, 2, 5, null, "none");
            ParityLstm.Result r = ParityLstm.run(backend, train, settings, new int[] {20}, 10, List.of());
            ParityData stream = ParityData.generate(1, 30, 9);
            GateTrace trace = GateTrace.of(stream, 0, r.lstm(), r.dense());
            float[] expected;
            try (Network net = ParityLstm.build(backend, 30, 5, r.lstm(), r.dense())) {
                expected = net.predict(ParityLstm.sequences(stream));
            }
            assertEquals(30, expected.length);
            for (int t = 0; t < 30; t++) {
                assertEquals(expected[t], trace.predicted()[t], 1e-5, "step " + (t + 1));
                for (int u = 0; u < ParityLstm.UNITS; u++) {
                    assertTrue(trace.forget()[t][u] > 0 && trace.forget()[t][u] < 1);
                    assertTrue(trace.input()[t][u] > 0 && trace.input()[t][u] < 1);
                }
                assertEquals(stream.parity(0, t), trace.parity()[t]);
            }
        }
    }
}

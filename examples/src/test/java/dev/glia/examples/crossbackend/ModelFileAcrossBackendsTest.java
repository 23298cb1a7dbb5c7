package dev.glia.examples.crossbackend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.io.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files on every backend available on this class path (EJML and the testkit's reference backend
 * here; OpenCL or ND4J wherever their jars and devices are present): a save/load round trip on one backend
 * predicts identically, and a file saved on one backend loads on every other.
 */
class ModelFileAcrossBackendsTest {
    @TempDir
    Path dir;

    private static List<String> availableBackends() {
        GliaConfig config = GliaConfig.builder().build();
        List<String> names = new ArrayList<>();
        for (BackendProvider p : BackendSelector.discover(List.of()).providers()) {
            if (p.probe(BackendOptions.of(config.asMap())).available()) {
                names.add(p.name());
            }
        }
        return names;
    }

    private static Backend open(String name) {
        return Backends.create(GliaConfig.builder().backend(name).build());
    }

    private static Network network(Backend backend) {
        return Network.builder(backend)
                .seed(21)
                .input(12)
                .dense(16, "relu")
                .dense(8, "gelu")
                .dense(5, "softmax")
                .build();
    }

    private static Dataset inputs() {
        Random r = new Random(8);
        float[] x = new float[33 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Dataset.of(x, 12, new float[33], 1);
    }

    @Test
    void eachBackendRoundTripsExactlyAndLoadsEveryOtherBackendsFile() {
        List<String> backends = availableBackends();
        assertTrue(backends.contains("ejml") && backends.contains("reference"), "found " + backends);
        Dataset x = inputs();
        for (String from : backends) {
            Path file = dir.resolve(from + ".safetensors");
            float[] expected;
            try (Backend backend = open(from)) {
                try (Network net = network(backend)) {
                    expected = net.predict(x);
                    ModelFile.save(net, file);
                    try (Network back = ModelFile.load(file, backend)) {
                        assertArrayEquals(expected, back.predict(x), 0f, "round trip on " + from);
                    }
                }
                assertEquals(0, backend.liveTensors(), "saving and loading left nothing behind on " + from);
            }
            for (String to : backends) {
                try (Backend backend = open(to);
                        Network loaded = ModelFile.load(file, backend)) {
                    assertArrayEquals(expected, loaded.predict(x), 1e-5f, "saved on " + from + ", loaded on " + to);
                }
            }
        }
    }
}

package dev.glia.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Layer;
import dev.glia.core.LayerTypes;
import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.core.io.ModelFileException;
import dev.glia.testkit.ReferenceBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer type found through the service loader is built, saved with its state and loaded like a built-in. */
class PluginLayerTest {
    @TempDir
    Path dir;

    @Test
    void thePluginIsDiscoveredBesideTheBuiltIns() {
        List<String> ids = LayerTypes.discover().ids();
        assertTrue(ids.contains("dense") && ids.contains(ScaleLayerType.ID), ids.toString());
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> LayerTypes.discover().get("conv9d"))
                .getMessage();
        assertTrue(
                m.startsWith("Unknown layer type 'conv9d'; known: ")
                        && m.contains("dense")
                        && m.contains("META-INF/services"),
                m);
    }

    @Test
    void aNetworkWithAPluginLayerRoundTripsThroughAModelFileWithItsState() {
        Path file = dir.resolve("plugin.safetensors");
        float[][] x = {{1, 2, 3}, {-1, 0.5f, 4}};
        try (ReferenceBackend backend = new ReferenceBackend();
                Network net = Network.builder(backend)
                        .seed(3)
                        .input(3)
                        .dense(4, "tanh")
                        .add(ScaleLayerType.spec(2.5))
                        .dense(2, "identity")
                        .build()) {
            Layer scale = net.layers().get(1);
            backend.write(scale.state().get("passes"), new double[] {7});
            ModelFile.save(net, file);
            assertEquals(
                    ScaleLayerType.ID, ModelFile.describe(file).layers().get(1).type());
            try (Network back = ModelFile.load(file, backend)) {
                assertArrayEquals(net.predict(x)[1], back.predict(x)[1], 0f);
                assertArrayEquals(
                        new double[] {7},
                        back.layers().get(1).state().get("passes").toDoubleArray());
                assertArrayEquals(
                        new double[] {2.5},
                        back.layers().get(1).parameters().get(0).value().toDoubleArray());
                assertTrue(back.summary().contains("Scale #2"), back.summary());
            }
        }
    }

    @Test
    void aFileNamingAnUnknownLayerTypeSaysWhichAndHowToAddIt() {
        Path file = dir.resolve("unknown.safetensors");
        try (ReferenceBackend backend = new ReferenceBackend();
                Network net = Network.builder(backend)
                        .input(2)
                        .add(ScaleLayerType.spec(1))
                        .build()) {
            ModelFile.save(net, file);
        }
        try (ReferenceBackend backend = new ReferenceBackend()) {
            LayerTypes onlyBuiltIns = LayerTypes.of(List.of(new dev.glia.core.internal.DenseType()));
            String m = assertThrows(
                            IllegalArgumentException.class,
                            () -> onlyBuiltIns.get(
                                    ModelFile.describe(file).layers().get(0).type()))
                    .getMessage();
            assertTrue(m.contains("'test_scale'") && m.contains("known: dense"), m);
        }
        assertThrows(ModelFileException.class, () -> ModelFile.describe(dir.resolve("absent")));
    }
}

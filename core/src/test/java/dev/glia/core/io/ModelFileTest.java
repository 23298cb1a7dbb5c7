package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.activations.Activations;
import dev.glia.core.internal.Dense;
import dev.glia.testkit.ReferenceBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files on the reference backend: exact round trips, the layout, and the error for each kind of damage. */
class ModelFileTest {
    @TempDir
    Path dir;

    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void noLeaks() {
        assertEquals(0, backend.liveTensors(), "a network was not closed or loading leaked");
        backend.close();
    }

    private Network network(DType dtype, long seed) {
        return Network.builder(backend)
                .dtype(dtype)
                .seed(seed)
                .input(5)
                .dense(7, "relu")
                .dense(4, "leaky_relu(alpha=0.2)")
                .dense(3, "softmax")
                .build();
    }

    private static Dataset inputs(int width, int rows, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int i = 0; i < width; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return Dataset.of(x, new float[rows][1]);
    }

    @Test
    void roundTripGivesIdenticalPredictionsInBothTypes() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Path file = dir.resolve("net-" + dtype + ".safetensors");
            Dataset x = inputs(5, 37, 3);
            try (Network net = network(dtype, 11)) {
                ModelFile.save(net, file, Map.of("classes", "[\"a\",\"b\",\"c\"]"));
                try (Network back = ModelFile.load(file, backend)) {
                    assertEquals(dtype, back.dtype());
                    assertArrayEquals(net.predict(x), back.predict(x), 0f, "identical predictions, " + dtype);
                    assertEquals(net.summary(), back.summary());
                }
            }
            ModelDescription d = ModelFile.describe(file);
            assertEquals(ModelFile.FORMAT_VERSION, d.formatVersion());
            assertEquals(dtype, d.dtype());
            assertEquals(5, d.inputWidth());
            assertEquals(3, d.outputWidth());
            assertEquals(
                    List.of("relu", "leaky_relu(alpha=0.2)", "softmax"),
                    d.layers().stream().map(LayerDescription::activation).toList());
            assertEquals(Map.of("classes", "[\"a\",\"b\",\"c\"]"), d.metadata());
        }
    }

    @Test
    void everyBuiltInActivationRoundTrips() {
        Dataset x = inputs(3, 9, 5);
        for (Activation a : Activations.builtIns()) {
            Path file = dir.resolve("act.safetensors");
            try (Network net = Network.builder(backend)
                    .seed(2)
                    .input(3)
                    .dense(4, a)
                    .dense(2, "identity")
                    .build()) {
                ModelFile.save(net, file);
                try (Network back = ModelFile.load(file, backend)) {
                    assertEquals(
                            a.id(), ((Dense) back.layers().get(0)).activation().id());
                    assertArrayEquals(net.predict(x), back.predict(x), 0f, a.id());
                }
            }
        }
    }

    @Test
    void anIndependentReaderSeesTheSafetensorsLayout() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        try (Network net = network(DType.FLOAT32, 4)) {
            ModelFile.save(net, file);
            SpecSafetensors.Contents c = SpecSafetensors.read(file);
            assertEquals(0, (8 + c.headerLength()) % 8, "the data section starts 8-byte aligned");
            assertEquals(6, c.tensors().size());
            long dataBytes = 0;
            for (int i = 0; i < 3; i++) {
                Dense layer = (Dense) net.layers().get(i);
                SpecSafetensors.Tensor w = c.tensors().get("layers." + i + ".weight");
                SpecSafetensors.Tensor b = c.tensors().get("layers." + i + ".bias");
                assertEquals("F32", w.dtype());
                assertArrayEquals(
                        new int[] {
                            layer.inputShape().size(), layer.outputShape().dim(0)
                        },
                        w.shape());
                assertArrayEquals(new int[] {layer.outputShape().dim(0)}, b.shape());
                assertArrayEquals(layer.weight().value().toDoubleArray(), w.values(), 0.0);
                assertArrayEquals(layer.bias().value().toDoubleArray(), b.values(), 0.0);
                dataBytes += 4L * (w.values().length + b.values().length);
            }
            assertEquals(Files.size(file), 8 + c.headerLength() + dataBytes, "no bytes besides header and tensors");
            assertTrue(c.metadata().get("glia").contains("\"format\":\"glia.network\""));
            assertTrue(c.metadata().get("glia.sha256").matches("[0-9a-f]{64}"));
        }
    }

    private byte[] tinyModelFile() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        try (Network net = Network.builder(backend)
                .seed(1)
                .input(2)
                .dense(2, "tanh")
                .dense(2, "softmax")
                .build()) {
            ModelFile.save(net, file);
        }
        return Files.readAllBytes(file);
    }

    private String loadError(byte[] bytes) throws IOException {
        Path file = dir.resolve("damaged.safetensors");
        Files.write(file, bytes);
        ModelFileException e = assertThrows(
                ModelFileException.class, () -> ModelFile.load(file, backend).close());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void everyTruncationIsAClearError() throws IOException {
        byte[] good = tinyModelFile();
        for (int length = 0; length < good.length; length++) {
            String m = loadError(java.util.Arrays.copyOf(good, length));
            assertTrue(
                    m.contains("truncated") || m.contains("too few") || m.contains("not valid JSON"),
                    length + ": " + m);
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws IOException {
        byte[] good = tinyModelFile();
        int detected = 0;
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                assertTrue(loadError(bad).startsWith("Model file "));
                detected++;
            }
        }
        assertEquals(8 * good.length, detected);
    }

    @Test
    void oversizedOrLyingHeaderLengths() throws IOException {
        byte[] good = tinyModelFile();
        for (long n : new long[] {-1L, 1L << 40, ModelFile.MAX_HEADER_BYTES + 1}) {
            byte[] bad = good.clone();
            ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, n);
            String m = loadError(bad);
            assertTrue(m.contains("over the limit of 16777216"), m);
        }
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, good.length);
        assertTrue(loadError(bad).contains("truncated or not a safetensors file"));
    }

    private static final String DESCRIPTION = "{\"format\":\"glia.network\",\"formatVersion\":%d,\"dtype\":\"float32\","
            + "\"inputShape\":[2],\"layers\":[{\"type\":\"dense\",\"name\":\"Dense #1\",\"inputs\":2,\"units\":3,"
            + "\"activation\":\"relu\",\"weight\":\"w\",\"bias\":\"b\"}],\"metadata\":{}}";

    private Path crafted(int version, int[] weightShape) throws IOException {
        int weights = weightShape[0] * weightShape[1];
        var header = SpecSafetensors.object();
        header.set("w", SpecSafetensors.entry("F32", weightShape, 0, 4L * weights));
        header.set("b", SpecSafetensors.entry("F32", new int[] {3}, 4L * weights, 4L * weights + 12));
        Path file = dir.resolve("crafted.safetensors");
        SpecSafetensors.write(file, header, String.format(DESCRIPTION, version), new byte[4 * weights + 12]);
        return file;
    }

    @Test
    void aCraftedFileInTheRightShapeLoads() throws IOException {
        Path file = crafted(1, new int[] {2, 3});
        try (Network net = ModelFile.load(file, backend)) {
            assertArrayEquals(new float[] {0, 0, 0}, net.predict(new float[][] {{1, 2}})[0]);
        }
    }

    @Test
    void wrongShapeIsNamed() throws IOException {
        Path file = crafted(1, new int[] {2, 4});
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file, backend))
                .getMessage();
        assertTrue(m.contains("tensor 'w' has shape [2, 4] but the layer needs [2, 3]"), m);
    }

    @Test
    void newerFormatVersionAsksForAnUpgrade() throws IOException {
        Path file = crafted(3, new int[] {2, 3});
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file, backend))
                .getMessage();
        assertTrue(m.contains("format version 3") && m.contains("upgrade Glia"), m);
    }

    @Test
    void aSafetensorsFileFromElsewhereIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("other.safetensors");
        var header = SpecSafetensors.object();
        header.set("x", SpecSafetensors.entry("F32", new int[] {2}, 0, 8));
        SpecSafetensors.writeRaw(
                file,
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(header),
                SpecSafetensors.f32(1, 2));
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file, backend))
                .getMessage();
        assertTrue(m.contains("without a Glia description"), m);
        Path missing = dir.resolve("missing.safetensors");
        m = assertThrows(ModelFileException.class, () -> ModelFile.load(missing, backend))
                .getMessage();
        assertEquals("Model file " + missing + " does not exist", m);
    }

    @Test
    void unknownActivationNamesTheIdTheIdsPresentAndThePluginHint() {
        Activation square = Activations.of("square", x -> x.mul(x));
        Path file = dir.resolve("square.safetensors");
        Dataset x = inputs(2, 4, 1);
        try (Network net = Network.builder(backend)
                .seed(3)
                .input(2)
                .dense(3, square)
                .dense(1, "identity")
                .build()) {
            ModelFile.save(net, file);
            String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file, backend))
                    .getMessage();
            assertTrue(m.contains("layer 1 (Dense #1)") && m.contains("Unknown activation 'square'"), m);
            assertTrue(m.contains("relu") && m.contains("leaky_relu(alpha=0.01)"), "lists the ids present: " + m);
            assertTrue(m.contains("META-INF/services/dev.glia.api.Activation"), "plugin hint: " + m);
            try (Network back = ModelFile.load(file, backend, Activations.of(List.of(square)))) {
                assertArrayEquals(net.predict(x), back.predict(x), 0f);
            }
        }
    }

    /** A channel that accepts {@code limit} bytes, then fails as a full disk would. */
    private static WritableByteChannel failingAfter(WritableByteChannel inner, int limit) {
        return new WritableByteChannel() {
            private int written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > limit) {
                    throw new IOException("No space left on device");
                }
                written += src.remaining();
                return inner.write(src);
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Test
    void anInterruptedSaveLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (Network first = network(DType.FLOAT32, 1);
                Network second = network(DType.FLOAT32, 2)) {
            ModelFile.save(first, file);
            byte[] before = Files.readAllBytes(file);
            String m = assertThrows(
                            ModelFileException.class,
                            () -> ModelFile.save(second, file, Map.of(), c -> failingAfter(c, 100)))
                    .getMessage();
            assertTrue(m.contains("No space left on device") && m.contains("left unchanged"), m);
            assertArrayEquals(before, Files.readAllBytes(file));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "the temporary file was removed");
            }
        }
        Path nowhere = dir.resolve("no/such/dir/model.safetensors");
        try (Network net = network(DType.FLOAT32, 1)) {
            String m = assertThrows(ModelFileException.class, () -> ModelFile.save(net, nowhere))
                    .getMessage();
            assertTrue(m.contains("does not exist"), m);
        }
    }
}

package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.core.Network;
import dev.glia.core.internal.Dense;
import dev.glia.testkit.Fifos;
import dev.glia.testkit.ForwardingBackend;
import dev.glia.testkit.ReferenceBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files that lie or are not files at all: each is refused at once with one line naming the file and what is
 * wrong, before anything is allocated, and a header of any length is checked in linear time.
 */
class HostileModelFileTest {
    private static final String LAYER = "{\"type\":\"dense\",\"name\":\"Dense #%d\",\"inputs\":%d,\"units\":%d,"
            + "\"activation\":\"%s\",\"weight\":\"w%d\",\"bias\":\"b%d\"}";

    @TempDir
    Path dir;

    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void noLeaks() {
        assertEquals(0, backend.liveTensors(), "a network was not closed or loading leaked");
        backend.close();
    }

    /** The reference backend, claiming it can give at most {@code cap} bytes per tensor. */
    private static Backend capped(Backend inner, long cap) {
        return new ForwardingBackend(inner) {
            @Override
            public long maxTensorBytes() {
                return cap;
            }
        };
    }

    private static String description(int input, int[] units, String activation) {
        StringBuilder layers = new StringBuilder();
        int in = input;
        for (int i = 0; i < units.length; i++) {
            layers.append(i == 0 ? "" : ",").append(String.format(LAYER, i + 1, in, units[i], activation, i, i));
            in = units[i];
        }
        return "{\"format\":\"glia.network\",\"formatVersion\":1,\"dtype\":\"float32\",\"inputShape\":[" + input
                + "],\"layers\":[" + layers + "],\"metadata\":{}}";
    }

    /**
     * A header for these layers with tensors {@code w0, b0, w1, ...} laid out back to back, and a checksum that is
     * only checked after the data has been read.
     */
    private static byte[] header(int input, int[] units, String activation) throws IOException {
        ObjectNode header = SpecSafetensors.object();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("glia", description(input, units, activation));
        meta.put("glia.sha256", "0".repeat(64));
        long at = 0;
        int in = input;
        for (int i = 0; i < units.length; i++) {
            long w = 4L * in * units[i];
            header.set("w" + i, SpecSafetensors.entry("F32", new int[] {in, units[i]}, at, at + w));
            header.set("b" + i, SpecSafetensors.entry("F32", new int[] {units[i]}, at + w, at + w + 4L * units[i]));
            at += w + 4L * units[i];
            in = units[i];
        }
        return new ObjectMapper().writeValueAsBytes(header);
    }

    /** A sparse file of {@code length} bytes with this header: its size is real, its data are holes. */
    private Path sparse(byte[] header, long dataBytes) throws IOException {
        Path file = dir.resolve("sparse.safetensors");
        SpecSafetensors.writeRaw(file, header, new byte[0]);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8 + header.length + dataBytes);
        }
        return file;
    }

    private static String error(Path file, Backend on) {
        ModelFileException e = assertThrows(
                ModelFileException.class, () -> ModelFile.load(file, on).close());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aSparseFileDeclaringHugeTensorsIsRefusedNamingTheTensorBeforeReadingIt() throws IOException {
        // 50000 x 40000 float32 weights: 8 GB of holes, of the right size
        long weights = 4L * 50_000 * 40_000;
        Path file = sparse(header(50_000, new int[] {40_000}, "relu"), weights + 4L * 40_000);
        assertEquals(8 + weights + 160_000, Files.size(file) - header(50_000, new int[] {40_000}, "relu").length);
        assumeTrue(backend.maxTensorBytes() < weights, "this JVM's heap could hold 8 GB");
        String m = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> error(file, backend));
        assertTrue(
                m.startsWith("Model file " + file + ": Cannot allocate tensor 'w0' of layer 1 (Dense #1) [50000,"
                        + " 40000] FLOAT32 of 7.5 GiB (8000000000 bytes) on the reference backend: the largest tensor it can"
                        + " give is "),
                m);
        assertTrue(m.contains(Long.toString(backend.maxTensorBytes())) && m.contains("-Xmx"), m);
        assertEquals(0, backend.liveTensors());
    }

    @Test
    void aFileWhoseTensorsFitTheBackendButNotTheHeapIsRefusedToo() throws IOException {
        long weights = 4L * 50_000 * 40_000;
        Path file = sparse(header(50_000, new int[] {40_000}, "relu"), weights + 4L * 40_000);
        String m = error(file, capped(backend, Long.MAX_VALUE));
        assertTrue(
                m.startsWith("Model file " + file + " holds 2000040000 weights; loading them takes 29.8 GiB"
                        + " (32000640000 bytes) of Java heap, more than its maximum of "),
                m);
        assertTrue(m.contains("GLIA_JAVA_OPTS=-Xmx"), m);
    }

    @Test
    void everyTensorIsBoundedByTheBackendsLimitNamingIt() throws IOException {
        // a real 3-layer file; the second layer's weights (7 x 4 floats = 112 bytes) are over a 100-byte cap
        Path file = dir.resolve("model.safetensors");
        try (Network net = Network.builder(backend)
                .seed(1)
                .input(5)
                .dense(4, "relu")
                .dense(7, "tanh")
                .dense(3, "softmax")
                .build()) {
            ModelFile.save(net, file);
        }
        String m = error(file, capped(backend, 100));
        assertEquals(
                "Model file " + file + ": Cannot allocate tensor 'layers.2.weight' of layer 3 (Dense #3) [7, 3]"
                        + " FLOAT32 of 84 bytes on the reference backend: the largest tensor it can give is 100 bytes; use a"
                        + " smaller model, or give the backend more memory (for the Java heap: -Xmx, e.g."
                        + " GLIA_JAVA_OPTS=-Xmx16g for ./glia)",
                m.replace("[4, 7] FLOAT32 of 112", "[7, 3] FLOAT32 of 84")
                        .replace("'layers.1.weight' of layer 2 (Dense #2)", "'layers.2.weight' of layer 3 (Dense #3)"));
        assertTrue(m.contains("tensor 'layers.1.weight' of layer 2 (Dense #2) [4, 7] FLOAT32 of 112 bytes"), m);
        try (Network net = ModelFile.load(file, capped(backend, 112))) {
            assertEquals(3, net.layers().size(), "exactly at the cap loads");
        }
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = Fifos.make(dir.resolve("model.fifo"));
        String m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(fifo, backend));
        assertEquals("Model file " + fifo + " is a FIFO (named pipe), not a regular file; give the path of a file", m);
        String d = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThrows(ModelFileException.class, () -> ModelFile.describe(fifo))
                        .getMessage());
        assertEquals(m, d);
    }

    @Test
    void aDirectoryAndADeviceAreRefusedSayingWhatTheyAre() {
        assertEquals(
                "Model file " + dir + " is a directory, not a regular file; give the path of a file",
                error(dir, backend));
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "no /dev/null");
        assertEquals(
                "Model file /dev/null is a character device, not a regular file; give the path of a file",
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(devNull, backend)));
    }

    @Test
    void aHeaderOfFiftyThousandLayersIsCheckedInLinearTime() throws IOException {
        int layers = 50_000;
        int[] units = new int[layers];
        java.util.Arrays.fill(units, 1);
        byte[] header = header(1, units, "identity");
        ObjectNode parsed = (ObjectNode) new ObjectMapper().readTree(header);
        // weights 1 everywhere, biases 0 except the last, 0.5: the network computes x + 0.5
        ByteBuffer data = ByteBuffer.allocate(8 * layers).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < layers; i++) {
            data.putFloat(1f).putFloat(i == layers - 1 ? 0.5f : 0f);
        }
        parsed.remove("__metadata__");
        Path file = dir.resolve("deep.safetensors");
        SpecSafetensors.write(file, parsed, description(1, units, "identity"), data.array());
        assertTrue(Files.size(file) > 8 << 20, "a header of megabytes: " + Files.size(file));
        // generous bounds, as a guard of the complexity only (about 0.5 s and 2 s on an idle machine; a linear search
        // per tensor took minutes): a shared build machine may well be ten times slower
        long start = System.nanoTime();
        ModelDescription d = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ModelFile.describe(file));
        long checked = System.nanoTime();
        assertEquals(layers, d.layers().size());
        try (Network net = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ModelFile.load(file, backend))) {
            System.out.printf(
                    "A model file of %d layers (%d bytes): header checked in %d ms, loaded in %d ms%n",
                    layers, Files.size(file), (checked - start) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
            assertEquals(layers, net.layers().size());
            assertArrayEquals(new float[] {2.5f}, net.predict(new float[][] {{2}})[0]);
        }
    }

    /** A valid small file whose weight {@code w} holds {@code bad} at index 4 or whose bias does. */
    private Path withValue(float bad, boolean inBias) throws IOException {
        ObjectNode header = SpecSafetensors.object();
        header.set("w", SpecSafetensors.entry("F32", new int[] {2, 3}, 0, 24));
        header.set("b", SpecSafetensors.entry("F32", new int[] {3}, 24, 36));
        float[] values = {0.5f, -1, 2, 0.25f, 1, 3, 0, 0, 0};
        values[inBias ? 7 : 4] = bad;
        Path file = dir.resolve("bad.safetensors");
        SpecSafetensors.write(
                file,
                header,
                description(2, new int[] {3}, "relu").replace("w0", "w").replace("b0", "b"),
                SpecSafetensors.f32(values));
        return file;
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensorAndTheFirstBadIndex() throws IOException {
        Path file = withValue(Float.NaN, false);
        assertEquals(
                "Model file " + file + ": tensor 'w' holds NaN at index 4 (row 1, column 1 of [2, 3]); a network"
                        + " with a non-finite weight predicts NaN, so the file is refused (retrain it, or restore a good copy)",
                error(file, backend));
        assertTrue(error(withValue(Float.POSITIVE_INFINITY, false), backend)
                .contains("tensor 'w' holds Infinity at index 4 (row 1, column 1 of [2, 3])"));
        assertTrue(error(withValue(Float.NEGATIVE_INFINITY, true), backend)
                .contains("tensor 'b' holds -Infinity at" + " index 1;"));
        try (Network net = ModelFile.load(withValue(Float.MAX_VALUE, false), backend)) {
            assertEquals(
                    Float.MAX_VALUE,
                    ((Dense) net.layers().get(0)).weight().value().toFloatArray()[4]);
        }
    }

    @Test
    void aNonFiniteActivationParameterInAFileIsRefusedNamingIt() throws IOException {
        for (String activation : List.of("leaky_relu(alpha=NaN)", "elu(alpha=1e39)", "swish(beta=-Infinity)")) {
            Path file = dir.resolve("activation.safetensors");
            ObjectNode header = SpecSafetensors.object();
            header.set("w", SpecSafetensors.entry("F32", new int[] {1, 1}, 0, 4));
            header.set("b", SpecSafetensors.entry("F32", new int[] {1}, 4, 8));
            SpecSafetensors.write(
                    file,
                    header,
                    description(1, new int[] {1}, activation).replace("w0", "w").replace("b0", "b"),
                    SpecSafetensors.f32(1, 0));
            String m = error(file, backend);
            assertTrue(m.startsWith("Model file " + file + ", layer 1 (Dense #1): Parameter '"), m);
            assertTrue(m.contains(activation) && m.contains("3.4028235E38"), m);
        }
    }

    @Test
    void aNetworkWithANonFiniteWeightIsNotSaved() throws IOException {
        Path file = dir.resolve("diverged.safetensors");
        try (Network net = Network.builder(backend)
                .seed(1)
                .input(2)
                .dense(3, "relu")
                .dense(2, "softmax")
                .build()) {
            Dense second = (Dense) net.layers().get(1);
            float[] w = second.weight().value().toFloatArray();
            w[5] = Float.NaN;
            backend.write(second.weight().value(), w);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.save(net, file));
            assertEquals(
                    "Cannot save model file " + file + ": layer Dense #2's tensor 'layers.1.weight' holds NaN at"
                            + " index 5 (row 2, column 1 of [3, 2]); a file with a non-finite weight could not be loaded"
                            + " (training diverged: lower the learning rate, or save an earlier network)",
                    e.getMessage());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    // ----- INT32 tensors: backends hold them, model files never do

    @Test
    void int32TensorsAndAnInt32NetworkAreRefused() throws IOException {
        Path file = dir.resolve("int32.safetensors");
        ObjectNode header = SpecSafetensors.object();
        header.set("w", SpecSafetensors.entry("I32", new int[] {1, 1}, 0, 4));
        header.set("b", SpecSafetensors.entry("I32", new int[] {1}, 4, 8));
        String json = description(1, new int[] {1}, "relu").replace("w0", "w").replace("b0", "b");
        SpecSafetensors.write(file, header, json, SpecSafetensors.f32(1, 0));
        String m = error(file, backend);
        assertTrue(m.contains("\"I32\"; Glia reads F32 and F64"), m);
        header.set("w", SpecSafetensors.entry("F32", new int[] {1, 1}, 0, 4));
        header.set("b", SpecSafetensors.entry("F32", new int[] {1}, 4, 8));
        SpecSafetensors.write(file, header, json.replace("\"float32\"", "\"int32\""), SpecSafetensors.f32(1, 0));
        m = error(file, backend);
        assertTrue(m.contains("dtype \"int32\" is not float32 or float64"), m);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Network.builder(backend).dtype(DType.INT32));
        assertTrue(e.getMessage().startsWith("A network computes in FLOAT32 or FLOAT64, not INT32"), e.getMessage());
    }
}

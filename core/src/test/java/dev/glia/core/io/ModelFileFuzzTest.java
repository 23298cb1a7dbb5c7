package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glia.api.DType;
import dev.glia.core.Network;
import dev.glia.testkit.FuzzTally;
import dev.glia.testkit.ReferenceBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coverage-guided fuzzing of {@link ModelFile} loading (docs/fuzzing.md). The input is the whole model file; it
 * is written to a temporary file, described, loaded onto the float64 reference backend and, if it loads, run
 * once. The only accepted failure is a {@link ModelFileException} with a message; anything else (an
 * OutOfMemoryError, a NullPointerException, an index or arithmetic error, a leaked tensor, a hang) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this is a regression test over the seed corpus and the kept findings in
 * {@code src/test/resources/dev/glia/core/io/ModelFileFuzzTestInputs/load/}; {@code mvn verify -Pfuzz} fuzzes it.
 * Findings that today's reader still fails wait in {@code ModelFileFuzzTestPending/load/}
 * ({@link #pendingFindings}).
 */
class ModelFileFuzzTest {
    private static FuzzTally tally;

    @BeforeAll
    static void start() throws IOException {
        tally = FuzzTally.start(
                "ModelFileFuzzTest.load", "dev/glia/core/io/ModelFileFuzzTestInputs/load", "fuzz.safetensors");
    }

    @AfterAll
    static void finish() {
        tally.finish();
    }

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({
        "__metadata__",
        "\"glia\"",
        "glia.sha256",
        "\"dtype\"",
        "\"shape\"",
        "\"data_offsets\"",
        "\"F32\"",
        "\"F64\"",
        "glia.network",
        "formatVersion",
        "inputShape",
        "\"layers\"",
        "\"dense\"",
        "\"units\"",
        "\"inputs\"",
        "\"activation\"",
        "\"weight\"",
        "\"bias\"",
        "float64",
        "float32",
        "softmax",
        "leaky_relu(alpha=",
        "layers.0.weight",
        "layers.1.bias"
    })
    void load(byte[] input) throws IOException {
        Files.write(tally.file(), input);
        tally.count(() -> loadFile(tally.file()));
    }

    /**
     * Describes, loads and runs the model in {@code model} on a fresh reference backend; fails on anything but a
     * ModelFileException with a message, and on a tensor left open.
     */
    static void loadFile(Path model) {
        try {
            ModelFile.describe(model);
        } catch (ModelFileException e) {
            FuzzTally.requireMessage(e);
        }
        try (ReferenceBackend backend = new ReferenceBackend()) {
            try (Network network = ModelFile.load(model, backend)) {
                network.predict(new float[1][network.inputWidth()]);
            } catch (ModelFileException e) {
                FuzzTally.requireMessage(e);
            }
            if (backend.liveTensors() != 0) {
                throw new AssertionError("loading left " + backend.liveTensors() + " tensors open on the backend");
            }
        }
    }

    /**
     * Writes the seed corpus of both model-file targets under {@code args[0]}, core's {@code src/test/resources}:
     * valid tiny models written by {@link ModelFile#save}, truncations and bit flips of them, and for the sparse
     * target headers that claim more data than a file holds. Run it from core's test class path; its output is
     * committed, and deterministic.
     */
    public static void main(String[] args) throws IOException {
        Path io = Path.of(args[0], "dev", "glia", "core", "io");
        Path seeds = Files.createDirectories(io.resolve("ModelFileFuzzTestInputs/load"));
        Path sparse = Files.createDirectories(io.resolve("ModelFileSparseFuzzTestInputs/loadSparse"));
        Path sparseSeeds = Files.createDirectories(io.resolve("ModelFileSparseFuzzTestInputs/loadSparse"));
        byte[] f32;
        byte[] f64;
        try (ReferenceBackend backend = new ReferenceBackend();
                Network small = Network.builder(backend)
                        .seed(1)
                        .input(3)
                        .dense(4, "relu")
                        .dense(2, "softmax")
                        .build();
                Network wide = Network.builder(backend)
                        .dtype(DType.FLOAT64)
                        .seed(2)
                        .input(2)
                        .dense(2, "leaky_relu(alpha=0.2)")
                        .build()) {
            ModelFile.save(small, seeds.resolve("valid-f32-3-4-2.safetensors"));
            ModelFile.save(wide, seeds.resolve("valid-f64-2-2.safetensors"), Map.of("classes", "[\"a\",\"b\"]"));
            f32 = Files.readAllBytes(seeds.resolve("valid-f32-3-4-2.safetensors"));
            f64 = Files.readAllBytes(seeds.resolve("valid-f64-2-2.safetensors"));
        }
        int header =
                (int) ByteBuffer.wrap(f32, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int[] cuts = {7, 8, 9, 8 + header / 2, 8 + header, 8 + header + 5, f32.length - 1};
        for (int cut : cuts) {
            Files.write(seeds.resolve("truncated-f32-at-" + cut), Arrays.copyOf(f32, cut));
        }
        Random random = new Random(11);
        for (int i = 0; i < 6; i++) {
            byte[] flipped = (i % 2 == 0 ? f32 : f64).clone();
            int h = (int) ByteBuffer.wrap(flipped, 0, 8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getLong();
            int from = i < 2 ? 0 : i < 4 ? 8 : 8 + h;
            int to = i < 2 ? 8 : i < 4 ? 8 + h : flipped.length;
            int at = from + random.nextInt(to - from);
            flipped[at] ^= (byte) (1 << random.nextInt(8));
            Files.write(
                    seeds.resolve("bitflip-" + (i < 2 ? "length" : i < 4 ? "header" : "data") + "-at-" + at), flipped);
        }
        Files.write(sparse.resolve("valid-f32-3-4-2.safetensors"), f32);
        Files.write(sparse.resolve("claims-3x5-f32-holds-none.safetensors"), claimingHeader(3, 5, "F32"));
        Files.write(
                sparseSeeds.resolve("claims-2x1000000000-f32.safetensors"), claimingHeader(2, 1_000_000_000, "F32"));
        Files.write(sparseSeeds.resolve("claims-4x50000000-f64.safetensors"), claimingHeader(4, 50_000_000, "F64"));
    }

    /**
     * A Glia model file's first bytes: a well-formed header for one dense layer of {@code inputs x units} whose data
     * the file does not hold (the sparse target supplies it as zeros). Built by hand, not by the reader's own code.
     */
    static byte[] claimingHeader(int inputs, int units, String dtype) throws IOException {
        int bytes = dtype.equals("F64") ? 8 : 4;
        long weightEnd = (long) inputs * units * bytes;
        ObjectMapper json = new ObjectMapper();
        ObjectNode description = json.createObjectNode()
                .put("format", "glia.network")
                .put("formatVersion", 1)
                .put("dtype", bytes == 8 ? "float64" : "float32");
        description.putArray("inputShape").add(inputs);
        description
                .putArray("layers")
                .addObject()
                .put("type", "dense")
                .put("name", "dense_1")
                .put("inputs", inputs)
                .put("units", units)
                .put("activation", "relu")
                .put("weight", "layers.0.weight")
                .put("bias", "layers.0.bias");
        description.putObject("metadata");
        ObjectNode root = json.createObjectNode();
        root.putObject("__metadata__")
                .put("glia", json.writeValueAsString(description))
                .put("glia.sha256", "0".repeat(64));
        ObjectNode weight = root.putObject("layers.0.weight").put("dtype", dtype);
        weight.putArray("shape").add(inputs).add(units);
        weight.putArray("data_offsets").add(0).add(weightEnd);
        ObjectNode bias = root.putObject("layers.0.bias").put("dtype", dtype);
        bias.putArray("shape").add(units);
        bias.putArray("data_offsets").add(weightEnd).add(weightEnd + (long) units * bytes);
        byte[] text = json.writeValueAsBytes(root);
        return ByteBuffer.allocate(8 + text.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length)
                .put(text)
                .array();
    }

    /**
     * The findings that failed on the reader this harness was written against. Run them with
     * {@code -Dglia.fuzz.pending=true}; once they pass, move them into {@code ModelFileFuzzTestInputs/load/}.
     */
    @Test
    @EnabledIfSystemProperty(named = "glia.fuzz.pending", matches = "true")
    void pendingFindings() throws IOException {
        List<String> failures =
                FuzzTally.runPending(ModelFileFuzzTest.class, "ModelFileFuzzTestPending/load", (name, bytes) -> {
                    Files.write(tally.file(), bytes);
                    loadFile(tally.file());
                });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}

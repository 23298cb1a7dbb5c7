package dev.glia.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An independent reader and writer of the safetensors layout, written from the format's specification
 * (https://github.com/huggingface/safetensors#format) and sharing no code with {@link ModelFile}:
 * "8 bytes: N, an unsigned little-endian 64-bit integer, containing the size of the header; N bytes: a
 * JSON UTF-8 string representing the header [...] a dict like {"TENSOR_NAME": {"dtype": "F16",
 * "shape": [1, 16, 256], "data_offsets": [BEGIN, END]}, "NEXT_TENSOR_NAME": {...}, ...}; data_offsets point
 * to the tensor data relative to the beginning of the byte buffer; a special key __metadata__ is allowed
 * to contain a free form string-to-string map; rest of the file: byte-buffer." Little-endian, row-major.
 */
final class SpecSafetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tensor as read: dtype, shape and values widened to double. */
    record Tensor(String dtype, int[] shape, double[] values) {}

    /** A whole file as read. */
    record Contents(Map<String, String> metadata, Map<String, Tensor> tensors, long headerLength) {}

    private SpecSafetensors() {}

    static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        JsonNode root = JSON.readTree(header);
        int dataStart = 8 + (int) n;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue()
                        .fields()
                        .forEachRemaining(
                                m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode t = e.getValue();
            String dtype = t.get("dtype").asText();
            int[] shape = new int[t.get("shape").size()];
            int count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
                count *= shape[i];
            }
            long begin = t.get("data_offsets").get(0).asLong();
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                int at = dataStart + (int) begin + i * (dtype.equals("F64") ? 8 : 4);
                values[i] = dtype.equals("F64") ? b.getDouble(at) : b.getFloat(at);
            }
            tensors.put(e.getKey(), new Tensor(dtype, shape, values));
        }
        return new Contents(metadata, tensors, n);
    }

    /**
     * Writes a file from a header object (tensor entries and {@code __metadata__}, which this fills in with
     * {@code description} and its Glia checksum) and the raw data section.
     */
    static void write(Path file, ObjectNode header, String description, byte[] data) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(description.getBytes(StandardCharsets.UTF_8));
            sha.update(data);
            ObjectNode meta = JSON.createObjectNode();
            meta.put("glia", description);
            meta.put("glia.sha256", HexFormat.of().formatHex(sha.digest()));
            header.set("__metadata__", meta);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        writeRaw(file, JSON.writeValueAsBytes(header), data);
    }

    /** Writes the length prefix, {@code header} as given, and {@code data}. */
    static void writeRaw(Path file, byte[] header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length)
                .array());
        out.write(header);
        out.write(data);
        Files.write(file, out.toByteArray());
    }

    /** Float32 values as little-endian bytes. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static ObjectNode entry(String dtype, int[] shape, long begin, long end) {
        ObjectNode e = JSON.createObjectNode();
        e.put("dtype", dtype);
        var s = e.putArray("shape");
        for (int d : shape) {
            s.add(d);
        }
        e.putArray("data_offsets").add(begin).add(end);
        return e;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}

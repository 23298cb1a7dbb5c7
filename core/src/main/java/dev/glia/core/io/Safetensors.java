package dev.glia.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors layout (https://github.com/huggingface/safetensors): an unsigned 64-bit little-endian
 * header length {@code N}; {@code N} bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional {@code "__metadata__"} map of
 * strings, padded with spaces; then the data section, which the tensors cover exactly, without gaps or
 * overlaps. Every number is checked against the real file size before anything is allocated from it.
 */
final class Safetensors {
    /** The largest header this reader accepts. */
    static final long MAX_HEADER_BYTES = 16L << 20;

    static final String METADATA = "__metadata__";

    /**
     * Strict JSON: duplicate keys and trailing tokens are errors. Field names are neither canonicalised nor
     * interned: a header holds one distinct name per tensor, and Jackson's symbol table and {@link String#intern}
     * made a header of 100,000 tensors take seconds, where it now takes a fraction of one.
     */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * A validated header: metadata, tensors in data order, the same tensors by name (so that looking each one up
     * keeps validation linear in the header's size), and where the data section lies in the file.
     */
    record Header(
            Map<String, String> metadata,
            List<TensorEntry> tensors,
            Map<String, TensorEntry> byName,
            long dataStart,
            long dataSize) {
        /** The tensor of this name, or null. */
        TensorEntry tensor(String name) {
            return byName.get(name);
        }
    }

    private Safetensors() {}

    /** Reads and validates the header of the file open in {@code channel}; {@code name} goes into messages. */
    static Header readHeader(FileChannel channel, String name) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new ModelFileException("Model file " + name + " has " + size + " bytes, too few for a safetensors"
                    + " file (it starts with an 8-byte header length); it is truncated or not a model file");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long n = lengthBytes.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new ModelFileException("Model file " + name + " declares a header of " + Long.toUnsignedString(n)
                    + " bytes, over the limit of " + MAX_HEADER_BYTES + " (16 MiB); it is damaged or not a"
                    + " safetensors file");
        }
        if (n > size - 8) {
            throw new ModelFileException("Model file " + name + " declares a header of " + n + " bytes but has only "
                    + (size - 8) + " after the length; it is truncated or not a safetensors file");
        }
        if (n < 2) {
            throw new ModelFileException(
                    "Model file " + name + " declares a header of " + n + " bytes, too short" + " for a JSON object");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        readFully(channel, headerBytes, 8);
        JsonNode root;
        try {
            root = JSON.readTree(headerBytes.array());
        } catch (JsonProcessingException e) {
            throw new ModelFileException(
                    "Model file " + name + " has a header that is not valid JSON (" + e.getOriginalMessage()
                            + "); it is damaged or not a safetensors file",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException("Model file " + name + " has a header that is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA)) {
                readMetadata(field.getValue(), metadata, name);
            } else {
                tensors.add(readTensor(field.getKey(), field.getValue(), name));
            }
        }
        checkCoverage(tensors, dataSize, name);
        Map<String, TensorEntry> byName = new HashMap<>(tensors.size() * 2);
        tensors.forEach(t -> byName.put(t.name(), t));
        return new Header(metadata, tensors, byName, dataStart, dataSize);
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata, String file) {
        if (!node.isObject()) {
            throw new ModelFileException("Model file " + file + ": " + METADATA + " must be an object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(
                        "Model file " + file + ": " + METADATA + " entry '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        });
    }

    private static TensorEntry readTensor(String tensor, JsonNode node, String file) {
        String where = "Model file " + file + ", tensor '" + tensor + "'";
        if (!node.isObject()
                || node.size() != 3
                || !node.has("dtype")
                || !node.has("shape")
                || !node.has("data_offsets")) {
            throw new ModelFileException(where + ": an entry must have exactly dtype, shape and data_offsets");
        }
        JsonNode dtype = node.get("dtype");
        if (!dtype.isTextual()
                || !(dtype.textValue().equals("F32") || dtype.textValue().equals("F64"))) {
            throw new ModelFileException(where + " has dtype " + dtype + "; Glia reads F32 and F64");
        }
        JsonNode shapeNode = node.get("shape");
        if (!shapeNode.isArray() || shapeNode.size() > 8) {
            throw new ModelFileException(where + ": shape must be an array of at most 8 sizes, got " + shapeNode);
        }
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new ModelFileException(
                        where + ": shape " + shapeNode + " has a size that is not a" + " non-negative 32-bit integer");
            }
            shape[i] = d.intValue();
            elements = shape[i] == 0 ? 0 : elements > Long.MAX_VALUE / shape[i] ? Long.MAX_VALUE : elements * shape[i];
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !isOffset(offsets.get(0)) || !isOffset(offsets.get(1))) {
            throw new ModelFileException(where + ": data_offsets must be two non-negative integers, got " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        int bytes = dtype.textValue().equals("F64") ? 8 : 4;
        if (end < begin || elements > Long.MAX_VALUE / bytes || end - begin != elements * bytes) {
            throw new ModelFileException(where + ": shape " + Arrays.toString(shape) + " of " + dtype.textValue()
                    + " needs " + (elements > Long.MAX_VALUE / bytes ? "more than 2^63" : elements * bytes)
                    + " bytes but data_offsets " + offsets + " give " + (end - begin));
        }
        return new TensorEntry(tensor, dtype.textValue(), shape, begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    private static void checkCoverage(List<TensorEntry> tensors, long dataSize, String file) {
        tensors.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long at = 0;
        for (TensorEntry t : tensors) {
            if (t.end() > dataSize) {
                throw new ModelFileException("Model file " + file + " is truncated: tensor '" + t.name()
                        + "' ends at byte " + t.end() + " of the data, but the file holds " + dataSize
                        + " bytes of data");
            }
            if (t.begin() != at) {
                throw new ModelFileException("Model file " + file + ": tensor '" + t.name() + "' starts at byte "
                        + t.begin() + " of the data, expected " + at + " (tensors must cover the data without gaps"
                        + " or overlaps)");
            }
            at = t.end();
        }
        if (at != dataSize) {
            throw new ModelFileException("Model file " + file + " has " + (dataSize - at) + " bytes after its last"
                    + " tensor; it is damaged or not a safetensors file");
        }
    }

    /** The header bytes (length prefix included) for these tensors and metadata, padded to 8 bytes. */
    static byte[] encodeHeader(Map<String, String> metadata, List<TensorEntry> tensors) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject(METADATA);
        metadata.forEach(meta::put);
        for (TensorEntry t : tensors) {
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", t.dtype());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(t.begin()).add(t.end());
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /** Reads until {@code buffer} is full, from {@code position}; a short file is a truncation error. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new ModelFileException(
                        "Model file ended early at byte " + at + " (it changed while being read" + " or is truncated)");
            }
            at += read;
        }
    }

    /** UTF-8 bytes of a string. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

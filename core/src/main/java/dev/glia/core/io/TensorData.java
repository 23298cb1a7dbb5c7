package dev.glia.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads a model file's data section: every tensor, in chunks, checking the checksum and then that every value is
 * finite. A checksum mismatch is reported first (damage explains odd values); a file whose checksum holds but
 * that carries NaN or an infinity was written that way, and is refused naming the tensor and the first bad
 * index, since a network with such a weight predicts NaN.
 */
final class TensorData {
    private static final int CHUNK = 1 << 20;

    private TensorData() {}

    /** Every tensor as doubles, by name. The sizes were checked against the file and memory before. */
    static Map<String, double[]> read(
            FileChannel channel, Safetensors.Header header, String name, byte[] described, String expectedChecksum)
            throws IOException {
        MessageDigest sha = ModelFile.sha256();
        sha.update(described);
        Map<String, double[]> values = new HashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, header.dataSize())))
                .order(ByteOrder.LITTLE_ENDIAN);
        String firstBad = null;
        for (TensorEntry t : header.tensors()) {
            double[] out = new double[Math.toIntExact(t.elements())];
            int bytes = t.elementBytes();
            long position = header.dataStart() + t.begin();
            int done = 0;
            while (done < out.length) {
                int count = Math.min(out.length - done, chunk.capacity() / bytes);
                chunk.clear().limit(count * bytes);
                Safetensors.readFully(channel, chunk, position);
                position += (long) count * bytes;
                sha.update(chunk.array(), 0, count * bytes);
                chunk.flip();
                for (int i = 0; i < count; i++) {
                    out[done + i] = bytes == 8 ? chunk.getDouble() : chunk.getFloat();
                }
                done += count;
            }
            if (firstBad == null) {
                firstBad = firstNonFinite(out, t.name(), t.shape());
            }
            values.put(t.name(), out);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(expectedChecksum)) {
            throw new ModelFileException("Model file " + name + " is damaged: its SHA-256 checksum does not match"
                    + " its contents (recorded " + expectedChecksum.substring(0, 12) + "…, computed "
                    + actual.substring(0, 12) + "…)");
        }
        if (firstBad != null) {
            throw new ModelFileException("Model file " + name + ": " + firstBad + "; a network with a non-finite"
                    + " weight predicts NaN, so the file is refused (retrain it, or restore a good copy)");
        }
        return values;
    }

    /**
     * Null when every value is finite, else {@code tensor 'NAME' holds NaN at index I (row R, column C of
     * [ROWS, COLUMNS])}.
     */
    static String firstNonFinite(double[] values, String tensor, int[] shape) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return "tensor '" + tensor + "' holds " + values[i] + " at index " + i + where(i, shape);
            }
        }
        return null;
    }

    /** Null when every value is finite, else as {@link #firstNonFinite(double[], String, int[])}. */
    static String firstNonFinite(float[] values, String tensor, int[] shape) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return "tensor '" + tensor + "' holds " + values[i] + " at index " + i + where(i, shape);
            }
        }
        return null;
    }

    private static String where(int index, int[] shape) {
        if (shape.length != 2) {
            return "";
        }
        return " (row " + index / shape[1] + ", column " + index % shape[1] + " of " + Arrays.toString(shape) + ")";
    }
}

package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glia.testkit.FuzzTally;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Like {@link ModelFileFuzzTest}, but the file is first extended with zeros (sparsely, costing no disk) to the
 * length its header's {@code data_offsets} claim, at most {@value #MAX_CLAIM} bytes of data. A fuzzer cannot write
 * gigabytes, yet a user's disk holds sparse or simply large files: this target lets the header's sizes be
 * believed by every size check against the file, so that what the reader allocates from a claimed size is
 * what is fuzzed. The input is the file's real start (length prefix, header, any data).
 *
 * <p>Regression inputs: {@code ModelFileSparseFuzzTestInputs/loadSparse/}; pending findings:
 * {@code ModelFileSparseFuzzTestPending/loadSparse/} ({@link #pendingFindings}).
 */
class ModelFileSparseFuzzTest {
    /** The largest data section the harness makes: 64 GiB, sparse. */
    static final long MAX_CLAIM = 64L << 30;

    private static final Pattern OFFSETS =
            Pattern.compile("\"data_offsets\"\\s*:\\s*\\[\\s*(\\d{1,19})\\s*,\\s*(\\d{1,19})\\s*]");
    private static FuzzTally tally;

    @BeforeAll
    static void start() throws IOException {
        tally = FuzzTally.start(
                "ModelFileSparseFuzzTest.loadSparse",
                "dev/glia/core/io/ModelFileSparseFuzzTestInputs/loadSparse",
                "fuzz.safetensors");
    }

    @AfterAll
    static void finish() {
        tally.finish();
    }

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({
        "\"data_offsets\":[0,",
        "\"shape\":[",
        "\"units\":",
        "\"inputs\":",
        "glia.sha256",
        "\"F32\"",
        "\"F64\"",
        "4294967296",
        "2147483647",
        "1073741824"
    })
    void loadSparse(byte[] input) throws IOException {
        writeSparse(input, tally.file());
        tally.count(() -> ModelFileFuzzTest.loadFile(tally.file()));
    }

    /** Writes {@code input} to {@code target}, then extends it with zeros to the data length its header claims. */
    static void writeSparse(byte[] input, Path target) throws IOException {
        Files.write(target, input);
        if (input.length < 8) {
            return;
        }
        long headerLength =
                ByteBuffer.wrap(input, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || headerLength > input.length - 8) {
            return;
        }
        String header = new String(input, 8, (int) headerLength, StandardCharsets.ISO_8859_1);
        long claimed = 0;
        Matcher m = OFFSETS.matcher(header);
        while (m.find()) {
            try {
                claimed = Math.max(claimed, Long.parseLong(m.group(2)));
            } catch (NumberFormatException e) {
                // Over 2^63: the reader refuses that by itself, without a sparse file.
            }
        }
        long length = 8 + headerLength + Math.min(claimed, MAX_CLAIM);
        if (length > input.length) {
            try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
                raf.setLength(length);
            }
        }
    }

    /**
     * The findings that failed on the reader this harness was written against. Run them with
     * {@code -Dglia.fuzz.pending=true}; once they pass, move them into
     * {@code ModelFileSparseFuzzTestInputs/loadSparse/}.
     */
    @Test
    @EnabledIfSystemProperty(named = "glia.fuzz.pending", matches = "true")
    void pendingFindings() throws IOException {
        List<String> failures = FuzzTally.runPending(
                ModelFileSparseFuzzTest.class, "ModelFileSparseFuzzTestPending/loadSparse", (name, bytes) -> {
                    writeSparse(bytes, tally.file());
                    ModelFileFuzzTest.loadFile(tally.file());
                });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}

package dev.glia.core.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glia.testkit.FuzzTally;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coverage-guided fuzzing of {@link Idx} reading (docs/fuzzing.md). The input is a whole IDX file, raw or
 * gzip-compressed; it is read through the stream entry point and, written to a temporary file, through the
 * path entry point, whose size check differs. The only accepted failures are an {@link IdxFormatException} and
 * an {@link UncheckedIOException}, each with a message; a result must be consistent with its dimensions.
 * Anything else (an OutOfMemoryError, an index or arithmetic error, a hang) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this is a regression test over the seed corpus and the kept findings in
 * {@code src/test/resources/dev/glia/core/data/IdxFuzzTestInputs/read/}; {@code mvn verify -Pfuzz} fuzzes it.
 * Findings that today's reader still fails wait in {@code IdxFuzzTestPending/read/} ({@link #pendingFindings}).
 */
class IdxFuzzTest {
    private static FuzzTally tally;

    @BeforeAll
    static void start() throws IOException {
        tally = FuzzTally.start("IdxFuzzTest.read", "dev/glia/core/data/IdxFuzzTestInputs/read", "fuzz-idx3-ubyte");
    }

    @AfterAll
    static void finish() {
        tally.finish();
    }

    @FuzzTest(maxDuration = "5m")
    void read(byte[] input) throws IOException {
        Files.write(tally.file(), input);
        tally.count(() -> readBoth(input, tally.file()));
    }

    /** Reads {@code input} as a stream and {@code copy} (the same bytes) as a file; fails on anything undocumented. */
    static void readBoth(byte[] input, Path copy) {
        try {
            check(Idx.read(new ByteArrayInputStream(input), "fuzz input"));
        } catch (IdxFormatException | UncheckedIOException e) {
            FuzzTally.requireMessage(e);
        }
        try {
            check(Idx.read(copy));
        } catch (IdxFormatException | UncheckedIOException e) {
            FuzzTally.requireMessage(e);
        }
    }

    private static void check(IdxArray array) {
        long elements = 1;
        for (int d : array.dims()) {
            elements *= d;
        }
        if (array.data().length != elements || array.rank() < 1 || array.rank() > Idx.MAX_DIMENSIONS) {
            throw new AssertionError("an IdxArray whose dimensions disagree with its data");
        }
        if (array.count() > 0) {
            array.itemSize();
        }
    }

    /**
     * Writes the seed corpus under {@code args[0]}, core's {@code src/test/resources}: raw and gzip IDX files of
     * rank 1 to 4 written by {@link Idx#write}, the same truncated, over-long, with a wrong magic, type or rank, a
     * damaged gzip stream. Deterministic. (Gzip bombs are IdxHostileFileTest's: as seeds they would slow every
     * fuzzing input to the speed of inflating hundreds of megabytes.)
     */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0], "dev", "glia", "core", "data");
        Path seeds = Files.createDirectories(data.resolve("IdxFuzzTestInputs/read"));
        byte[] pixels = new byte[2 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 15);
        }
        IdxArray labels = new IdxArray(new int[] {5}, new byte[] {0, 1, 2, 3, 9});
        Idx.write(seeds.resolve("labels-5-idx1-ubyte"), labels, false);
        Idx.write(seeds.resolve("labels-5-idx1-ubyte.gz"), labels, true);
        Idx.write(seeds.resolve("images-2x3x3-idx3-ubyte"), new IdxArray(new int[] {2, 3, 3}, pixels), false);
        Idx.write(seeds.resolve("images-2x3x3-idx3-ubyte.gz"), new IdxArray(new int[] {2, 3, 3}, pixels), true);
        Idx.write(seeds.resolve("rank4-1x2x3x3-idx4-ubyte"), new IdxArray(new int[] {1, 2, 3, 3}, pixels), false);
        Idx.write(seeds.resolve("empty-0x28x28-idx3-ubyte.gz"), new IdxArray(new int[] {0, 28, 28}, new byte[0]), true);
        byte[] raw = Files.readAllBytes(seeds.resolve("images-2x3x3-idx3-ubyte"));
        byte[] gzip = Files.readAllBytes(seeds.resolve("images-2x3x3-idx3-ubyte.gz"));
        Files.write(seeds.resolve("truncated-header"), Arrays.copyOf(raw, 9));
        Files.write(seeds.resolve("truncated-data"), Arrays.copyOf(raw, raw.length - 1));
        Files.write(seeds.resolve("one-byte-too-many"), Arrays.copyOf(raw, raw.length + 1));
        Files.write(seeds.resolve("truncated-gzip"), Arrays.copyOf(gzip, gzip.length - 5));
        Files.write(seeds.resolve("gzip-then-garbage"), concat(gzip, new byte[] {1, 2, 3}));
        Files.write(seeds.resolve("gzip-twice"), concat(gzip, gzip));
        Files.write(seeds.resolve("magic-wrong"), with(raw, 0, (byte) 1));
        Files.write(seeds.resolve("type-float"), with(raw, 2, (byte) 0x0D));
        Files.write(seeds.resolve("rank-0"), with(raw, 3, (byte) 0));
        Files.write(seeds.resolve("rank-5"), with(raw, 3, (byte) 5));
        Files.write(seeds.resolve("dimension-2pow31"), with(raw, 4, (byte) 0x80));
        Files.write(seeds.resolve("dimensions-overflow"), with(with(raw, 8, (byte) 0x7F), 12, (byte) 0x7F));
    }

    private static byte[] with(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The findings that failed on the reader this harness was written against. Run them with
     * {@code -Dglia.fuzz.pending=true}; once they pass, move them into {@code IdxFuzzTestInputs/read/}.
     */
    @Test
    @EnabledIfSystemProperty(named = "glia.fuzz.pending", matches = "true")
    void pendingFindings() throws IOException {
        List<String> failures = FuzzTally.runPending(IdxFuzzTest.class, "IdxFuzzTestPending/read", (name, bytes) -> {
            Files.write(tally.file(), bytes);
            readBoth(bytes, tally.file());
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}

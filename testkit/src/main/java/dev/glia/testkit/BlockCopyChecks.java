package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of {@link Backend#copyBlock}. A copy is exact, so every result must equal, bit for bit, what
 * a plain loop over host arrays gives (checked on the backend and on the reference alike); the destination starts
 * with random values, so an element written outside the block, or one left out, shows.
 */
final class BlockCopyChecks {
    /** Whether the destination is another tensor, the source itself, or a view of the source's memory. */
    enum Memory {
        SEPARATE,
        SAME_TENSOR,
        VIEWS
    }

    /** One copy: the block at (srcRow, srcColumn) of src's matrix view to (dstRow, dstColumn) of dst's. */
    record Case(
            String name,
            Memory memory,
            Shape src,
            Shape dst,
            int srcRow,
            int srcColumn,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {}

    /** Awkward blocks: single elements, rows, columns, whole rows (one contiguous run), wider than 128, time steps. */
    static final Case[] CASES = {
        new Case("the whole matrix", Memory.SEPARATE, Shape.of(3, 17), Shape.of(3, 17), 0, 0, 0, 0, 3, 17),
        new Case("a single element", Memory.SEPARATE, Shape.of(1), Shape.of(1), 0, 0, 0, 0, 1, 1),
        new Case(
                "the last element into a corner",
                Memory.SEPARATE,
                Shape.of(129, 131),
                Shape.of(2, 3, 5),
                128,
                130,
                1,
                14,
                1,
                1),
        new Case("an interior block", Memory.SEPARATE, Shape.of(129, 131), Shape.of(131, 129), 5, 7, 3, 2, 120, 100),
        new Case("a block wider than 128", Memory.SEPARATE, Shape.of(7, 131), Shape.of(3, 137), 2, 1, 0, 5, 3, 130),
        new Case(
                "whole rows into a wider matrix",
                Memory.SEPARATE,
                Shape.of(17, 13),
                Shape.of(20, 29),
                0,
                0,
                2,
                16,
                17,
                13),
        new Case("whole rows of equal widths", Memory.SEPARATE, Shape.of(20, 13), Shape.of(17, 13), 3, 0, 5, 0, 9, 13),
        new Case("one row, batch 1", Memory.SEPARATE, Shape.of(7, 131), Shape.of(1, 131), 6, 0, 0, 0, 1, 131),
        new Case("one column", Memory.SEPARATE, Shape.of(131, 1), Shape.of(131, 7), 0, 0, 0, 6, 131, 1),
        new Case("a rank-1 slice", Memory.SEPARATE, Shape.of(17), Shape.of(19), 0, 3, 0, 9, 1, 5),
        new Case("time step 4 of [5, 7, 3]", Memory.SEPARATE, Shape.of(5, 7, 3), Shape.of(5, 3), 0, 12, 0, 0, 5, 3),
        new Case(
                "into time step 6 of [5, 7, 3]", Memory.SEPARATE, Shape.of(5, 3), Shape.of(5, 7, 3), 0, 0, 0, 18, 5, 3),
        new Case("a time step of a batch of 1", Memory.SEPARATE, Shape.of(1, 11, 2), Shape.of(1, 2), 0, 10, 0, 0, 1, 2),
        new Case(
                "columns beside themselves in one tensor",
                Memory.SAME_TENSOR,
                Shape.of(5, 8),
                Shape.of(5, 8),
                0,
                0,
                0,
                4,
                5,
                4),
        new Case(
                "rows below themselves in one tensor",
                Memory.SAME_TENSOR,
                Shape.of(6, 8),
                Shape.of(6, 8),
                0,
                0,
                3,
                0,
                3,
                8),
        new Case(
                "a block to the left and above in one tensor",
                Memory.SAME_TENSOR,
                Shape.of(131, 133),
                Shape.of(131, 133),
                70,
                66,
                1,
                0,
                61,
                66),
        new Case("between two views of one base", Memory.VIEWS, Shape.of(4, 15), Shape.of(12, 5), 0, 0, 5, 0, 1, 5),
        new Case(
                "interleaved blocks of two views of one base",
                Memory.VIEWS,
                Shape.of(6, 20),
                Shape.of(3, 40),
                0,
                0,
                0,
                10,
                3,
                10)
    };

    private BlockCopyChecks() {}

    /** One test per case, and one that concatenates two tensors and splits them again. */
    static Stream<DynamicTest> all(Harness h, DType dtype, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.length; i++) {
            Case c = CASES[i];
            long s = seed + i;
            tests.add(DynamicTest.dynamicTest(dtype + " " + c.name(), () -> check(h, dtype, c, s)));
        }
        tests.add(DynamicTest.dynamicTest(dtype + " concatenate and split", () -> concatenate(h, dtype, seed + 99)));
        return tests.stream();
    }

    private static void check(Harness h, DType dtype, Case c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] src = Harness.round(dtype, Domain.ANY.draw(random, c.src().size()));
        double[] dst = c.memory() == Memory.SEPARATE
                ? Harness.round(dtype, Domain.ANY.draw(random, c.dst().size()))
                : src;
        double[] expected = dst.clone();
        copy(
                src,
                c.src().columns(),
                c.srcRow(),
                c.srcColumn(),
                expected,
                c.dst().columns(),
                c.dstRow(),
                c.dstColumn(),
                c.rows(),
                c.columns());
        String what = "copyBlock " + c.name() + ": the " + c.rows() + "x" + c.columns() + " block at (" + c.srcRow()
                + ", " + c.srcColumn() + ") of " + c.src() + " to (" + c.dstRow() + ", " + c.dstColumn() + ") of "
                + c.dst() + " " + dtype + " (seed " + seed + ") on ";
        double[][] result = h.both(b -> {
            try (Tensor s = Harness.upload(b, src, c.src(), dtype);
                    Tensor d = c.memory() == Memory.SEPARATE
                            ? Harness.upload(b, dst, c.dst(), dtype)
                            : c.memory() == Memory.VIEWS ? b.reshape(s, c.dst()) : null) {
                Tensor target = d == null ? s : d;
                b.copyBlock(s, c.srcRow(), c.srcColumn(), target, c.dstRow(), c.dstColumn(), c.rows(), c.columns());
                return target.toDoubleArray();
            }
        });
        Approx.assertExact(what + "the reference", c.dst(), expected, result[0]);
        Approx.assertExact(what + h.name(), c.dst(), expected, result[1]);
    }

    /** [N, a] and [N, b] copied side by side into [N, a + b], then split back into fresh tensors. */
    private static void concatenate(Harness h, DType dtype, long seed) {
        int n = 9;
        int a = 5;
        int w = 131;
        SplittableRandom random = new SplittableRandom(seed);
        double[] left = Harness.round(dtype, Domain.ANY.draw(random, n * a));
        double[] right = Harness.round(dtype, Domain.ANY.draw(random, n * w));
        double[] joined = new double[n * (a + w)];
        copy(left, a, 0, 0, joined, a + w, 0, 0, n, a);
        copy(right, w, 0, 0, joined, a + w, 0, a, n, w);
        double[][] result = h.both(b -> {
            try (Tensor l = Harness.upload(b, left, Shape.of(n, a), dtype);
                    Tensor r = Harness.upload(b, right, Shape.of(n, w), dtype);
                    Tensor both = b.allocate(Shape.of(n, a + w), dtype);
                    Tensor l2 = b.allocate(Shape.of(n, a), dtype);
                    Tensor r2 = b.allocate(Shape.of(n, w), dtype)) {
                b.copyBlock(l, 0, 0, both, 0, 0, n, a);
                b.copyBlock(r, 0, 0, both, 0, a, n, w);
                b.copyBlock(both, 0, 0, l2, 0, 0, n, a);
                b.copyBlock(both, 0, a, r2, 0, 0, n, w);
                assertArrayEquals(left, l2.toDoubleArray(), "the left part split off again on " + b.name());
                assertArrayEquals(right, r2.toDoubleArray(), "the right part split off again on " + b.name());
                return both.toDoubleArray();
            }
        });
        Approx.assertExact(
                "concatenation of [9, 5] and [9, 131] " + dtype + " on the reference",
                Shape.of(n, a + w),
                joined,
                result[0]);
        Approx.assertExact(
                "concatenation of [9, 5] and [9, 131] " + dtype + " on " + h.name(),
                Shape.of(n, a + w),
                joined,
                result[1]);
    }

    /** The specification: a plain loop over row-major host arrays. */
    private static void copy(
            double[] src,
            int srcColumns,
            int srcRow,
            int srcColumn,
            double[] dst,
            int dstColumns,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {
        double[] block = new double[rows * columns]; // read the whole block first: src and dst may be one array
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, (srcRow + r) * srcColumns + srcColumn, block, r * columns, columns);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(block, r * columns, dst, (dstRow + r) * dstColumns + dstColumn, columns);
        }
    }

    /**
     * Blocks outside either matrix, empty blocks, int overflow, overlapping blocks of one memory, mixed dtypes,
     * foreign and closed tensors are refused, with messages naming the tensors, and write nothing.
     */
    static void refusals(Backend b, Backend other, Backend reference) {
        float[] original = TensorChecks.floats(20, 5);
        try (Tensor src = b.allocate(Shape.of(3, 4), DType.FLOAT32);
                Tensor dst = b.upload(original, Shape.of(4, 5));
                Tensor theirs = other.allocate(Shape.of(4, 5), DType.FLOAT32);
                Tensor ref = reference.allocate(Shape.of(4, 5), DType.FLOAT32);
                Tensor flat = b.reshape(dst, Shape.of(20))) {
            refuse(
                    "rows past the end of src",
                    () -> b.copyBlock(src, 2, 0, dst, 0, 0, 2, 2),
                    "src [3, 4]",
                    "does not fit");
            refuse(
                    "columns past the end of dst",
                    () -> b.copyBlock(src, 0, 0, dst, 0, 3, 2, 3),
                    "dst [4, 5]",
                    "does not fit");
            refuse("a negative src column", () -> b.copyBlock(src, 0, -1, dst, 0, 0, 1, 1), "src [3, 4]");
            refuse("a negative dst row", () -> b.copyBlock(src, 0, 0, dst, -1, 0, 1, 1), "dst [4, 5]");
            refuse("an empty block", () -> b.copyBlock(src, 0, 0, dst, 0, 0, 0, 1), "at least 1 row and 1 column");
            refuse("a negative width", () -> b.copyBlock(src, 0, 0, dst, 0, 0, 1, -2), "at least 1 row and 1 column");
            refuse(
                    "a column index that overflows",
                    () -> b.copyBlock(src, 0, Integer.MAX_VALUE, dst, 0, 0, 1, 2),
                    "src [3, 4]");
            refuse(
                    "a row count that overflows",
                    () -> b.copyBlock(src, 1, 0, dst, 0, 0, Integer.MAX_VALUE, 1),
                    "src [3, 4]");
            refuse("overlapping blocks of one tensor", () -> b.copyBlock(dst, 0, 0, dst, 1, 1, 2, 2), "overlaps");
            refuse(
                    "overlapping blocks of two views of one base",
                    () -> b.copyBlock(dst, 1, 0, flat, 0, 6, 1, 3),
                    "overlaps",
                    "[4, 5]",
                    "[20]");
            refuse("src of another backend instance", () -> b.copyBlock(theirs, 0, 0, dst, 0, 0, 1, 1), "[4, 5]");
            refuse("dst of another backend instance", () -> b.copyBlock(src, 0, 0, theirs, 0, 0, 1, 1), "[4, 5]");
            refuse("dst of the reference", () -> b.copyBlock(src, 0, 0, ref, 0, 0, 1, 1), "[4, 5]");
            if (b.supports(DType.FLOAT64)) {
                try (Tensor wide = b.allocate(Shape.of(4, 5), DType.FLOAT64)) {
                    refuse("mixed dtypes", () -> b.copyBlock(src, 0, 0, wide, 0, 0, 1, 1), "share one dtype");
                }
            }
            Tensor closed = b.allocate(Shape.of(4, 5), DType.FLOAT32);
            closed.close();
            assertThrows(
                    IllegalStateException.class,
                    () -> b.copyBlock(closed, 0, 0, dst, 0, 0, 1, 1),
                    "copyBlock from a closed tensor");
            assertThrows(
                    IllegalStateException.class,
                    () -> b.copyBlock(src, 0, 0, closed, 0, 0, 1, 1),
                    "copyBlock into a closed tensor");
            assertArrayEquals(original, dst.toFloatArray(), "a refused copyBlock writes nothing");
        }
    }

    private static void refuse(String what, Executable call, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, "copyBlock with " + what);
        String message = String.valueOf(e.getMessage());
        assertTrue(message.startsWith("copyBlock"), () -> "The message should name copyBlock: " + message);
        for (String w : words) {
            assertTrue(
                    message.contains(w), () -> "The message for " + what + " should contain '" + w + "': " + message);
        }
    }
}

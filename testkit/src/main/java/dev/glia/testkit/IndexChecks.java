package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/** Conformance checks of INT32 tensors, {@link Backend#gather} and {@link Backend#scatterAdd}. */
final class IndexChecks {
    /** Ints that a lossy path would change: the extremes, just above 2^24, negatives. */
    private static final int[] SPECIAL = {
        0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, (1 << 24) + 1, -(1 << 30), 123_456_789, -7
    };

    /**
     * The gather/scatterAdd cases: table V × D (as {@code table}), indices shape, and whether out/src is
     * the indices' shape followed by D rather than [n, D]. Awkward sizes: 1, odd, prime, above 128, batch 1, and
     * more indices than rows so that indices repeat.
     */
    private record Case(Shape table, Shape indices, boolean trailing) {
        int v() {
            return table.rows();
        }

        int d() {
            return table.columns();
        }

        int n() {
            return indices.size();
        }

        Shape rows() {
            if (!trailing) {
                return Shape.matrix(n(), d());
            }
            int[] dims = Arrays.copyOf(indices.dims(), indices.rank() + 1);
            dims[indices.rank()] = d();
            return Shape.of(dims);
        }

        @Override
        public String toString() {
            return "table " + table + ", indices " + indices + ", rows " + rows();
        }
    }

    private static final Case[] CASES = {
        new Case(Shape.matrix(1, 1), Shape.of(1), false),
        new Case(Shape.matrix(1, 17), Shape.of(5), false),
        new Case(Shape.matrix(3, 1), Shape.of(17), false),
        new Case(Shape.matrix(17, 3), Shape.of(1, 13), true),
        new Case(Shape.matrix(5, 129), Shape.of(3, 7), false),
        new Case(Shape.matrix(129, 5), Shape.of(4, 33), true),
        new Case(Shape.matrix(131, 37), Shape.of(257), false),
        new Case(Shape.of(7, 2, 3), Shape.of(2, 3, 5), true),
        new Case(Shape.matrix(1000, 8), Shape.of(3), false)
    };

    private IndexChecks() {}

    /** {@code n} ints: the specials first, then random ones over the whole int range. */
    static int[] ints(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < SPECIAL.length ? SPECIAL[i] : random.nextInt();
        }
        return v;
    }

    // ----- INT32 tensors

    /** allocate(INT32) is zero-filled; upload(int[]), write and download give back exactly what went in. */
    static void roundTrip(Backend b) {
        for (Shape s : TensorChecks.SHAPES) {
            try (Tensor t = b.allocate(s, DType.INT32)) {
                assertEquals(DType.INT32, t.dtype(), "dtype of allocate(" + s + ", INT32)");
                assertEquals(s, t.shape(), "shape of allocate(" + s + ", INT32)");
                assertSame(b, t.backend(), "a new tensor's backend()");
                int[] into = new int[s.size()];
                b.download(t, into);
                assertArrayEquals(new int[s.size()], into, "allocate(" + s + ", INT32) is zero-filled");
                assertArrayEquals(new double[s.size()], t.toDoubleArray(), "allocate(" + s + ", INT32) as doubles");
                b.write(t, ints(s.size(), 5));
            }
            try (Tensor t = b.allocate(s, DType.INT32)) {
                int[] into = new int[s.size()];
                b.download(t, into);
                assertArrayEquals(
                        new int[s.size()],
                        into,
                        "allocate(" + s + ", INT32) after a tensor of that shape was written and closed");
            }
            int[] data = ints(s.size(), s.size());
            try (Tensor t = b.upload(data, s)) {
                assertEquals(DType.INT32, t.dtype(), "upload(int[]) gives INT32");
                assertEquals(s, t.shape(), "shape of upload(int[], " + s + ")");
                int[] into = new int[s.size()];
                b.download(t, into);
                assertArrayEquals(data, into, "upload(int[], " + s + ") then download(int[])");
                double[] widened = new double[data.length];
                float[] narrowed = new float[data.length];
                for (int i = 0; i < data.length; i++) {
                    widened[i] = data[i];
                    narrowed[i] = data[i];
                }
                assertArrayEquals(widened, t.toDoubleArray(), "INT32 " + s + " toDoubleArray() is exact");
                assertArrayEquals(narrowed, t.toFloatArray(), "INT32 " + s + " toFloatArray() rounds to float");
                int[] other = ints(s.size(), s.size() + 1L);
                for (int i = 0; i < other.length; i++) {
                    other[i] = ~other[i];
                }
                b.write(t, other);
                b.download(t, into);
                assertArrayEquals(other, into, "write(int[]) then download(int[]) on " + s);
                double[] whole = new double[s.size()];
                float[] wholeFloats = new float[s.size()];
                for (int i = 0; i < whole.length; i++) {
                    whole[i] = i % 3 == 0 ? Integer.MIN_VALUE : i % 3 == 1 ? Integer.MAX_VALUE : -i;
                    wholeFloats[i] = i % 2 == 0 ? -0x1p31f : 16_777_216f + 2 * i;
                }
                b.write(t, whole);
                b.download(t, into);
                for (int i = 0; i < whole.length; i++) {
                    assertEquals(
                            (int) whole[i], into[i], "write(double[]) of whole numbers into INT32 " + s + " at " + i);
                }
                b.write(t, wholeFloats);
                b.download(t, into);
                for (int i = 0; i < whole.length; i++) {
                    assertEquals(
                            (int) wholeFloats[i],
                            into[i],
                            "write(float[]) of whole numbers into INT32 " + s + " at " + i);
                }
            }
        }
    }

    /** Transfers into ints refuse what is not a whole number in the int range, naming it, and write nothing. */
    static void conversions(Backend b) {
        Shape s = Shape.of(2, 3);
        int[] before = {1, 2, 3, 4, 5, 6};
        try (Tensor t = b.upload(before, s);
                Tensor f = b.allocate(s, DType.FLOAT32)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> b.write(t, new double[] {0, 2.5, 0, 0, 0, 0}),
                    "write(2.5) into INT32");
            assertMentions(e, "[0, 1]", "2.5");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> b.write(t, new float[] {0, 0, 0, 0, 0, Float.NaN}),
                    "write(NaN) into INT32");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> b.write(t, new double[] {0, 0, 0x1p31, 0, 0, 0}),
                    "write(2^31) into INT32");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> b.write(t, new float[] {0, 0, 0, -0x1p32f, 0, 0}),
                    "write(-2^32) into INT32");
            int[] after = new int[6];
            b.download(t, after);
            assertArrayEquals(before, after, "a refused write into INT32 writes nothing");
            b.write(f, new int[] {1, -2, 3, (1 << 24) + 1, Integer.MIN_VALUE, 7});
            assertArrayEquals(
                    new float[] {1, -2, 3, 1 << 24, Integer.MIN_VALUE, 7},
                    f.toFloatArray(),
                    "write(int[]) into FLOAT32 rounds to float");
            int[] back = new int[6];
            b.download(f, back);
            assertArrayEquals(
                    new int[] {1, -2, 3, 1 << 24, Integer.MIN_VALUE, 7},
                    back,
                    "download(int[]) of whole FLOAT32 values");
            b.write(f, new float[] {0, 0, 0, 0, 0.5f, 0});
            int[] untouched = {9, 9, 9, 9, 9, 9};
            e = assertThrows(
                    IllegalArgumentException.class, () -> b.download(f, untouched), "download(int[]) of FLOAT32 0.5");
            assertMentions(e, "[1, 1]", "0.5");
            assertArrayEquals(new int[] {9, 9, 9, 9, 9, 9}, untouched, "a refused download leaves the array as it was");
            assertThrows(IllegalArgumentException.class, () -> b.write(t, new int[5]), "write 5 ints into [2, 3]");
            assertThrows(
                    IllegalArgumentException.class, () -> b.download(t, new int[7]), "download [2, 3] into 7 ints");
            assertThrows(IllegalArgumentException.class, () -> b.upload(new int[5], s), "upload 5 ints as [2, 3]");
        }
        if (b.supports(DType.FLOAT64)) {
            int[] extremes = {Integer.MIN_VALUE, Integer.MAX_VALUE, (1 << 24) + 1};
            try (Tensor d = b.allocate(Shape.of(3), DType.FLOAT64)) {
                b.write(d, extremes);
                assertArrayEquals(
                        new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE, (1 << 24) + 1},
                        d.toDoubleArray(),
                        "write(int[]) into FLOAT64 is exact");
                int[] back = new int[3];
                b.download(d, back);
                assertArrayEquals(extremes, back, "download(int[]) of FLOAT64 is exact");
            }
        }
    }

    /** liveTensors() and liveBytes() count INT32 tensors, at 4 bytes an element. */
    static void ledger(Backend b) {
        long tensors = b.liveTensors();
        long bytes = b.liveBytes();
        Tensor t = b.allocate(Shape.of(3, 5), DType.INT32);
        Tensor u = b.upload(new int[129], Shape.of(129));
        assertEquals(tensors + 2, b.liveTensors(), "liveTensors() after allocating and uploading INT32");
        assertTrue(b.liveBytes() >= bytes + 60 + 516, "liveBytes() grows by at least 576 for 144 ints");
        t.close();
        u.close();
        assertEquals(tensors, b.liveTensors(), "liveTensors() back after closing INT32 tensors");
        assertEquals(bytes, b.liveBytes(), "liveBytes() back after closing INT32 tensors");
    }

    /** gemm, elementwise, sum, max and argmax refuse INT32 tensors, saying which dtypes they take. */
    static void arithmeticRefusesInt32(Backend b) {
        Expr x = Expr.input(0);
        try (Tensor i33 = b.allocate(Shape.of(3, 3), DType.INT32);
                Tensor j33 = b.allocate(Shape.of(3, 3), DType.INT32);
                Tensor k33 = b.allocate(Shape.of(3, 3), DType.INT32);
                Tensor i3 = b.allocate(Shape.of(3), DType.INT32)) {
            List<Executable> calls = List.of(
                    () -> b.gemm(false, false, 1, i33, j33, 0, k33),
                    () -> b.elementwise(x.neg(), i33, j33),
                    () -> b.elementwise(x.neg(), i33, i33),
                    () -> b.sum(i33, 0, i3),
                    () -> b.max(i33, 1, i3),
                    () -> b.argmax(i33, 0, i3));
            for (Executable call : calls) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class, call, "an arithmetic operation on INT32 tensors must fail");
                assertMentions(e, "INT32", "FLOAT32 or FLOAT64");
            }
        }
    }

    // ----- gather and scatterAdd

    /** A small example computed by hand, independent of the reference. */
    static void handComputed(Backend b, DType dtype) {
        double[] table = {1, 2, 3, 4, 5, 6};
        try (Tensor t = Harness.upload(b, table, Shape.matrix(3, 2), dtype);
                Tensor idx = b.upload(new int[] {2, 0, 2}, Shape.of(3));
                Tensor out = b.allocate(Shape.matrix(3, 2), dtype)) {
            b.gather(t, idx, out);
            assertArrayEquals(
                    new double[] {5, 6, 1, 2, 5, 6},
                    out.toDoubleArray(),
                    "gather rows 2, 0, 2 of " + "[[1, 2], [3, 4], [5, 6]] (" + dtype + ")");
            b.write(out, new double[] {1, 1, 10, 10, 100, 100});
            b.scatterAdd(out, idx, t);
            assertArrayEquals(
                    new double[] {11, 12, 3, 4, 106, 107},
                    t.toDoubleArray(),
                    "scatterAdd [[1, 1], [10, 10], [100, 100]] at rows 2, 0, 2 into [[1, 2], [3, 4], [5, 6]] (" + dtype
                            + "): row 2 gets both 1 and 100");
        }
    }

    /** gather and scatterAdd over every case against the reference: gather exactly, scatterAdd within tol. */
    static Stream<DynamicTest> all(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int c = 0; c < CASES.length; c++) {
            Case k = CASES[c];
            long caseSeed = seed + c;
            tests.add(DynamicTest.dynamicTest("gather " + dtype + " " + k, () -> gather(h, dtype, k, caseSeed)));
            tests.add(DynamicTest.dynamicTest(
                    "scatterAdd " + dtype + " " + k, () -> scatterAdd(h, dtype, tol, k, caseSeed)));
        }
        Case same = new Case(Shape.matrix(4, 9), Shape.of(300), false);
        tests.add(DynamicTest.dynamicTest(
                "scatterAdd " + dtype + " with one index repeated 300 times",
                () -> scatterAddRepeated(h, dtype, tol, same, seed + 99)));
        return tests.stream();
    }

    /** Indices in [0, V) that repeat (more of them than rows, or drawn from a few rows) and hit 0 and V - 1. */
    private static int[] indices(Case k, SplittableRandom random) {
        int[] idx = new int[k.n()];
        int span = Math.min(k.v(), Math.max(1, k.n() / 2));
        for (int i = 0; i < idx.length; i++) {
            idx[i] = random.nextInt(span);
        }
        idx[0] = k.v() - 1;
        if (idx.length > 2) {
            idx[idx.length - 1] = 0;
            idx[1] = idx[idx.length / 2];
        }
        return idx;
    }

    private static void gather(Harness h, DType dtype, Case k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] table = Harness.round(dtype, Domain.ANY.draw(random, k.table().size()));
        int[] idx = indices(k, random);
        double[][] result = h.both(b -> {
            try (Tensor t = Harness.upload(b, table, k.table(), dtype);
                    Tensor i = b.upload(idx, k.indices());
                    Tensor out = Harness.upload(b, Harness.nans(k.rows().size()), k.rows(), dtype)) {
                b.gather(t, i, out);
                return out.toDoubleArray();
            }
        });
        Approx.assertExact(
                "gather " + dtype + " " + k + " (seed " + seed + ") on " + h.name(), k.rows(), result[0], result[1]);
    }

    private static void scatterAdd(Harness h, DType dtype, double tol, Case k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] idx = indices(k, random);
        scatterAddCompare(h, dtype, tol, k, idx, random, seed);
    }

    private static void scatterAddRepeated(Harness h, DType dtype, double tol, Case k, long seed) {
        int[] idx = new int[k.n()];
        Arrays.fill(idx, 2);
        scatterAddCompare(h, dtype, tol, k, idx, new SplittableRandom(seed), seed);
    }

    private static void scatterAddCompare(
            Harness h, DType dtype, double tol, Case k, int[] idx, SplittableRandom random, long seed) {
        double[] table = Harness.round(dtype, Domain.ANY.draw(random, k.table().size()));
        double[] src = Harness.round(dtype, Domain.ANY.draw(random, k.rows().size()));
        double[][] result = h.both(b -> {
            try (Tensor t = Harness.upload(b, table, k.table(), dtype);
                    Tensor i = b.upload(idx, k.indices());
                    Tensor s = Harness.upload(b, src, k.rows(), dtype)) {
                b.scatterAdd(s, i, t);
                return t.toDoubleArray();
            }
        });
        // rounding errors grow with the sum of the magnitudes of every term added into an element
        double[] scale = Harness.abs(table);
        int d = k.d();
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < d; j++) {
                scale[idx[i] * d + j] += Math.abs(src[i * d + j]);
            }
        }
        Approx.assertClose(
                "scatterAdd " + dtype + " " + k + " (seed " + seed + ") on " + h.name(),
                k.table(),
                result[0],
                result[1],
                scale,
                tol);
    }

    /**
     * An index below 0 or at least V fails, naming the position, the index and V, and writes nothing: gather's
     * out and scatterAdd's table stay as they were.
     */
    static void outOfRange(Backend b, DType dtype) {
        Shape tableShape = Shape.matrix(5, 3);
        double[] table = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        int[][] bad = {
            {0, 1, 2, 3, 4, 5},
            {0, 1, 2, 3, -1, 4},
            {0, Integer.MIN_VALUE, 1, 2, 3, 4},
            {0, 1, 2, 3, 4, Integer.MAX_VALUE}
        };
        String[] positions = {"[1, 2] (element 5)", "[1, 1] (element 4)", "[0, 1] (element 1)", "[1, 2] (element 5)"};
        String[] values = {"is 5,", "is -1,", "is " + Integer.MIN_VALUE + ",", "is " + Integer.MAX_VALUE + ","};
        for (int c = 0; c < bad.length; c++) {
            int[] idx = bad[c];
            try (Tensor t = Harness.upload(b, table, tableShape, dtype);
                    Tensor i = b.upload(idx, Shape.matrix(2, 3));
                    Tensor rows = Harness.upload(b, fill(18, 7), Shape.matrix(6, 3), dtype)) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class,
                        () -> b.gather(t, i, rows),
                        "gather with indices " + Arrays.toString(idx) + " from a table of 5 rows");
                assertMentions(e, positions[c], values[c], "V = 5");
                assertArrayEquals(fill(18, 7), rows.toDoubleArray(), "a refused gather writes nothing");
                e = assertThrows(
                        IllegalArgumentException.class,
                        () -> b.scatterAdd(rows, i, t),
                        "scatterAdd with indices " + Arrays.toString(idx) + " into a table of 5 rows");
                assertMentions(e, positions[c], values[c], "V = 5");
                assertArrayEquals(table, t.toDoubleArray(), "a refused scatterAdd adds nothing");
            }
        }
    }

    /** Float indices, an INT32 table, a wrong out/src shape, out being the table, mixed dtypes: all refused. */
    static void badArguments(Backend b) {
        try (Tensor table = b.allocate(Shape.matrix(5, 3), DType.FLOAT32);
                Tensor idx = b.upload(new int[] {0, 1, 2, 3}, Shape.of(2, 2));
                Tensor floatIdx = b.allocate(Shape.of(4), DType.FLOAT32);
                Tensor intTable = b.allocate(Shape.matrix(5, 3), DType.INT32);
                Tensor out = b.allocate(Shape.matrix(4, 3), DType.FLOAT32);
                Tensor wrong = b.allocate(Shape.matrix(4, 2), DType.FLOAT32);
                Tensor alsoWrong = b.allocate(Shape.of(2, 6), DType.FLOAT32);
                Tensor square = b.allocate(Shape.matrix(4, 3), DType.FLOAT32);
                Tensor fourIdx = b.upload(new int[] {0, 1, 2, 3}, Shape.of(4))) {
            assertMentions(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.gather(table, floatIdx, out),
                            "gather with FLOAT32 indices"),
                    "INT32");
            assertMentions(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.scatterAdd(out, floatIdx, table),
                            "scatterAdd with FLOAT32 indices"),
                    "INT32");
            assertMentions(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.gather(intTable, idx, out),
                            "gather from an INT32 table"),
                    "FLOAT32 or FLOAT64");
            assertMentions(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.gather(table, idx, wrong),
                            "gather of 4 indices from [5, 3] into [4, 2]"),
                    "[4, 3]",
                    "[4, 2]");
            assertMentions(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.scatterAdd(alsoWrong, idx, table),
                            "scatterAdd of [2, 6] (matrix 2 x 6) into [5, 3]"),
                    "[2, 6]");
            assertMentions(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.gather(square, fourIdx, square),
                            "gather with out being the table"),
                    "table");
            if (b.supports(DType.FLOAT64)) {
                try (Tensor out64 = b.allocate(Shape.matrix(4, 3), DType.FLOAT64)) {
                    assertMentions(
                            assertThrows(
                                    IllegalArgumentException.class,
                                    () -> b.gather(table, idx, out64),
                                    "gather from FLOAT32 into FLOAT64"),
                            "FLOAT64",
                            "FLOAT32");
                }
            }
            Tensor closed = b.upload(new int[] {0}, Shape.of(1));
            closed.close();
            assertThrows(IllegalStateException.class, () -> b.gather(table, closed, out), "gather with closed indices");
            assertThrows(
                    IllegalStateException.class,
                    () -> b.scatterAdd(out, closed, table),
                    "scatterAdd with closed indices");
        }
    }

    /** gather and scatterAdd refuse tensors of another backend instance, or of the reference. */
    static void foreignTensorsRejected(Backend b, Backend other) {
        try (Tensor table = b.allocate(Shape.matrix(5, 3), DType.FLOAT32);
                Tensor idx = b.upload(new int[] {0, 1}, Shape.of(2));
                Tensor out = b.allocate(Shape.matrix(2, 3), DType.FLOAT32);
                Tensor theirTable = other.allocate(Shape.matrix(5, 3), DType.FLOAT32);
                Tensor theirIdx = other.upload(new int[] {0, 1}, Shape.of(2));
                Tensor theirOut = other.allocate(Shape.matrix(2, 3), DType.FLOAT32)) {
            String from = " a tensor of backend " + other.name();
            assertThrows(IllegalArgumentException.class, () -> b.gather(theirTable, idx, out), "gather from" + from);
            assertThrows(IllegalArgumentException.class, () -> b.gather(table, theirIdx, out), "gather by" + from);
            assertThrows(IllegalArgumentException.class, () -> b.gather(table, idx, theirOut), "gather into" + from);
            assertThrows(
                    IllegalArgumentException.class, () -> b.scatterAdd(theirOut, idx, table), "scatterAdd of" + from);
            assertThrows(
                    IllegalArgumentException.class, () -> b.scatterAdd(out, idx, theirTable), "scatterAdd into" + from);
            assertThrows(
                    IllegalArgumentException.class, () -> b.write(theirIdx, new int[2]), "write(int[]) into" + from);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> b.download(theirIdx, new int[2]),
                    "download(int[]) of" + from);
        }
    }

    private static double[] fill(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }

    private static void assertMentions(Throwable e, String... words) {
        String message = String.valueOf(e.getMessage());
        for (String w : words) {
            assertTrue(message.contains(w), () -> "The message should mention '" + w + "': " + message);
        }
    }
}

package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of {@link Backend#elementwiseColumns}: an LSTM cell's gates read out of one product and
 * written into a time step, blocks computed in place and next to themselves, views, inputs of one row broadcast
 * down, blocks wider than a staging chunk, a batch of one, and calls large enough to be split over threads,
 * against the reference. Every tensor starts with random values and is compared whole, so an element written
 * outside its block, or one left out, shows. Then the refusals, which must leave every tensor unchanged.
 */
final class ColumnElementwiseChecks {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);

    /** A tensor of a case: its own memory of {@code shape}, or a view as {@code shape} of tensor {@code viewOf}. */
    private record Made(Shape shape, int viewOf) {
        static Made own(int... dims) {
            return new Made(Shape.of(dims), -1);
        }
    }

    /** A block of tensor {@code tensor} of a case. */
    private record Block(int tensor, int column, int width) {}

    /** One call: the tensors, the expressions, the output and input blocks, and how many times to run it. */
    private record Case(
            String name, List<Made> tensors, List<Expr> exprs, List<Block> outs, List<Block> ins, int repeats) {}

    private ColumnElementwiseChecks() {}

    static Stream<DynamicTest> all(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Case> cases = cases();
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            long caseSeed = seed + 100L * c;
            tests.add(DynamicTest.dynamicTest(dtype + " " + k.name(), () -> check(h, dtype, tol, k, caseSeed)));
        }
        return tests.stream();
    }

    private static Expr sigmoid(Expr x) {
        return x.neg().exp().add(1).recip();
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // An LSTM step, T = 3, H = 7, batch 5: the input part of step 2 out of [5, 3·28], the recurrent part
        // out of [5, 28], c_{t-1}; seven [5, 7] outputs and h again into time step 1 of y [5, 3, 7].
        List<Expr> gates = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Expr z = Expr.input(k).add(Expr.input(4 + k));
            gates.add(k == 2 ? z.tanh() : sigmoid(z));
        }
        Expr c = gates.get(1).mul(Expr.input(8)).add(gates.get(0).mul(gates.get(2)));
        Expr h = gates.get(3).mul(c.tanh());
        List<Made> lstm = new ArrayList<>(List.of(Made.own(5, 84), Made.own(5, 28), Made.own(5, 7)));
        List<Block> lstmIns = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            lstmIns.add(new Block(0, (2 * 4 + k) * 7, 7));
        }
        for (int k = 0; k < 4; k++) {
            lstmIns.add(new Block(1, k * 7, 7));
        }
        lstmIns.add(new Block(2, 0, 7));
        List<Block> lstmOuts = new ArrayList<>();
        for (int j = 0; j < 7; j++) {
            lstm.add(Made.own(5, 7));
            lstmOuts.add(new Block(3 + j, 0, 7));
        }
        lstm.add(Made.own(5, 3, 7));
        lstmOuts.add(new Block(10, 7, 7));
        List<Expr> lstmExprs = new ArrayList<>(gates);
        lstmExprs.addAll(List.of(c, c.tanh(), h, h));
        cases.add(new Case(
                "an LSTM cell's gates out of blocks, h into a time step", lstm, lstmExprs, lstmOuts, lstmIns, 1));
        cases.add(new Case(
                "in place, and the old values next to it",
                List.of(Made.own(4, 12), Made.own(4, 6)),
                List.of(X.mul(2).add(Y), X.sub(Y).exp()),
                List.of(new Block(0, 0, 6), new Block(0, 6, 6)),
                List.of(new Block(0, 0, 6), new Block(1, 0, 6)),
                1));
        cases.add(new Case(
                "an input that is a view of the output's memory, in place",
                List.of(Made.own(6, 10), new Made(Shape.of(6, 2, 5), 0)),
                List.of(X.tanh().add(X)),
                List.of(new Block(0, 2, 5)),
                List.of(new Block(1, 2, 5)),
                1));
        cases.add(new Case(
                "inputs of one row broadcast down the rows",
                List.of(Made.own(1, 20), Made.own(7, 6), Made.own(6), Made.own(7, 18)),
                List.of(X.mul(Y).add(Expr.input(2)), sigmoid(X)),
                List.of(new Block(3, 12, 6), new Block(3, 0, 6)),
                List.of(new Block(0, 4, 6), new Block(1, 0, 6), new Block(2, 0, 6)),
                1));
        cases.add(new Case(
                "blocks wider than a staging chunk, one in place",
                List.of(Made.own(3, 2100), Made.own(3, 1500), Made.own(3, 1501)),
                List.of(X.exp().sub(Y), X.tanh()),
                List.of(new Block(1, 0, 1500), new Block(2, 1, 1500)),
                List.of(new Block(0, 37, 1500), new Block(2, 1, 1500)),
                1));
        cases.add(new Case(
                "a batch of one",
                List.of(Made.own(1, 40), Made.own(1, 3, 10)),
                List.of(X.mul(X).add(Y)),
                List.of(new Block(1, 20, 10)),
                List.of(new Block(0, 10, 10), new Block(1, 20, 10)),
                1));
        cases.add(new Case(
                "time steps of one rank-3 tensor, read from one and written to another",
                List.of(Made.own(4, 5, 3)),
                List.of(X.add(1).recip()),
                List.of(new Block(0, 0, 3)),
                List.of(new Block(0, 12, 3)),
                1));
        cases.add(new Case(
                "large enough to be split over threads, run eight times",
                List.of(Made.own(300, 1024), Made.own(300, 256), Made.own(300, 256), Made.own(300, 512)),
                List.of(sigmoid(X.add(Y)), X.sub(Y).tanh(), X.mul(Y)),
                List.of(new Block(1, 0, 256), new Block(2, 0, 256), new Block(3, 256, 256)),
                List.of(new Block(0, 512, 256), new Block(0, 768, 256)),
                8));
        return cases;
    }

    private static void check(Harness h, DType dtype, double tol, Case k, long seed) {
        double[][] data = new double[k.tensors().size()][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < data.length; t++) {
            Made m = k.tensors().get(t);
            data[t] = m.viewOf() < 0
                    ? Harness.round(dtype, Domain.ANY.draw(random, m.shape().size()))
                    : null;
        }
        double[][] both = h.both(b -> run(b, dtype, k, data));
        Approx.assertClose(
                "elementwiseColumns (" + k.name() + "), " + dtype + ", every tensor whole, one after another (seed "
                        + seed + ") on " + h.name(),
                Shape.of(both[0].length),
                both[0],
                both[1],
                tol);
    }

    /** Every own tensor's values after the call, one after the other; closes every tensor it made. */
    private static double[] run(Backend b, DType dtype, Case k, double[][] data) {
        List<Tensor> made = new ArrayList<>();
        try {
            for (int t = 0; t < data.length; t++) {
                Made m = k.tensors().get(t);
                made.add(
                        m.viewOf() < 0
                                ? Harness.upload(b, data[t], m.shape(), dtype)
                                : b.reshape(made.get(m.viewOf()), m.shape()));
            }
            List<ColumnBlock> outs = blocks(made, k.outs());
            List<ColumnBlock> ins = blocks(made, k.ins());
            double[] first = null;
            for (int r = 0; r < k.repeats(); r++) {
                b.elementwiseColumns(k.exprs(), outs, ins);
                double[] now = own(made, k);
                if (first == null) {
                    first = now;
                } else {
                    assertArrayEquals(first, now, "call " + r + " of the same blocks changed a result on " + b.name());
                }
            }
            return first;
        } finally {
            made.forEach(Tensor::close);
        }
    }

    private static List<ColumnBlock> blocks(List<Tensor> made, List<Block> blocks) {
        List<ColumnBlock> list = new ArrayList<>();
        for (Block x : blocks) {
            list.add(new ColumnBlock(made.get(x.tensor()), x.column(), x.width()));
        }
        return list;
    }

    private static double[] own(List<Tensor> made, Case k) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (int t = 0; t < made.size(); t++) {
            if (k.tensors().get(t).viewOf() < 0) {
                double[] v = made.get(t).toDoubleArray();
                parts.add(v);
                n += v.length;
            }
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] v : parts) {
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    /**
     * Counts, sizes, overlaps, dtypes, foreign and closed tensors, and blocks outside their matrix all fail with a
     * message saying what is wrong, and write nothing.
     */
    static void refusals(Backend backend, Backend other) {
        List<Expr> one = List.of(X.add(Y));
        List<Expr> two = List.of(X.add(Y), X.sub(Y));
        try (Tensor a = backend.upload(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, Shape.of(3, 4));
                Tensor b = backend.upload(new float[] {1, 1, 1, 1, 1, 1}, Shape.of(3, 2));
                Tensor tall = backend.allocate(Shape.of(4, 2), DType.FLOAT32);
                Tensor foreign = other.allocate(Shape.of(3, 2), DType.FLOAT32)) {
            float[] before = a.toFloatArray();
            ColumnBlock left = new ColumnBlock(a, 0, 2);
            ColumnBlock right = new ColumnBlock(a, 2, 2);
            ColumnBlock middle = new ColumnBlock(a, 1, 2);
            ColumnBlock whole = ColumnBlock.of(b);
            rejects(
                    IllegalArgumentException.class,
                    "2 expressions but 1 output blocks",
                    () -> backend.elementwiseColumns(two, List.of(left), List.of(left, whole)));
            rejects(
                    IllegalArgumentException.class,
                    "0 expressions but 0 output blocks",
                    () -> backend.elementwiseColumns(List.of(), List.of(), List.of(left)));
            rejects(
                    IllegalArgumentException.class,
                    "read 2 inputs but 1 were given",
                    () -> backend.elementwiseColumns(one, List.of(left), List.of(whole)));
            rejects(
                    IllegalArgumentException.class,
                    "output block 1 is 3x1",
                    () -> backend.elementwiseColumns(
                            two, List.of(left, new ColumnBlock(a, 3, 1)), List.of(whole, whole)));
            rejects(
                    IllegalArgumentException.class,
                    "output block 1 is 4x2",
                    () -> backend.elementwiseColumns(two, List.of(left, ColumnBlock.of(tall)), List.of(whole, whole)));
            rejects(
                    IllegalArgumentException.class,
                    "input block 1 is 4x2",
                    () -> backend.elementwiseColumns(one, List.of(left), List.of(whole, ColumnBlock.of(tall))));
            rejects(
                    IllegalArgumentException.class,
                    "input block 0 is 3x1",
                    () -> backend.elementwiseColumns(one, List.of(left), List.of(new ColumnBlock(a, 0, 1), whole)));
            rejects(
                    IllegalArgumentException.class,
                    "share elements of one memory",
                    () -> backend.elementwiseColumns(two, List.of(left, middle), List.of(whole, whole)));
            rejects(
                    IllegalArgumentException.class,
                    "overlaps output block 0",
                    () -> backend.elementwiseColumns(one, List.of(left), List.of(middle, whole)));
            rejects(
                    IllegalArgumentException.class,
                    "overlaps output block 0",
                    () -> backend.elementwiseColumns(one, List.of(right), List.of(whole, middle)));
            try (Tensor same = backend.reshape(a, Shape.of(3, 2, 2));
                    Tensor flat = backend.reshape(a, Shape.of(12))) {
                rejects(
                        IllegalArgumentException.class,
                        "share elements of one memory",
                        () -> backend.elementwiseColumns(
                                two, List.of(right, new ColumnBlock(same, 1, 2)), List.of(whole, whole)));
                // elements 5 and 6 of a, broadcast down the rows: element 5 is in a's row 1, columns 0..1
                rejects(
                        IllegalArgumentException.class,
                        "overlaps output block 0",
                        () -> backend.elementwiseColumns(
                                one, List.of(left), List.of(new ColumnBlock(flat, 5, 2), whole)));
            }
            rejects(
                    IllegalArgumentException.class,
                    "belongs to",
                    () -> backend.elementwiseColumns(one, List.of(left), List.of(ColumnBlock.of(foreign), whole)));
            rejects(
                    IllegalArgumentException.class,
                    "belongs to",
                    () -> backend.elementwiseColumns(one, List.of(ColumnBlock.of(foreign)), List.of(whole, whole)));
            if (backend.supports(DType.FLOAT64)) {
                try (Tensor d = backend.allocate(Shape.of(3, 2), DType.FLOAT64)) {
                    rejects(
                            IllegalArgumentException.class,
                            "all tensors must share one dtype",
                            () -> backend.elementwiseColumns(one, List.of(left), List.of(ColumnBlock.of(d), whole)));
                }
            }
            try (Tensor i = backend.allocate(Shape.of(3, 2), DType.INT32)) {
                rejects(
                        IllegalArgumentException.class,
                        "takes FLOAT32 or FLOAT64 tensors",
                        () -> backend.elementwiseColumns(
                                one, List.of(ColumnBlock.of(i)), List.of(ColumnBlock.of(i), ColumnBlock.of(i))));
            }
            rejects(
                    IllegalArgumentException.class,
                    "do not lie inside the matrix view 3x4",
                    () -> new ColumnBlock(a, 3, 2));
            rejects(IllegalArgumentException.class, "width 0", () -> new ColumnBlock(a, 0, 0));
            rejects(IllegalArgumentException.class, "columns -1..0", () -> new ColumnBlock(a, -1, 2));
            Tensor closed = backend.allocate(Shape.of(3, 2), DType.FLOAT32);
            ColumnBlock gone = ColumnBlock.of(closed);
            closed.close();
            rejects(
                    IllegalStateException.class,
                    "",
                    () -> backend.elementwiseColumns(one, List.of(left), List.of(gone, whole)));
            rejects(
                    IllegalStateException.class,
                    "",
                    () -> backend.elementwiseColumns(one, List.of(gone), List.of(whole, whole)));
            assertArrayEquals(before, a.toFloatArray(), "a refused call wrote into its output");
        }
    }

    private static void rejects(Class<? extends Throwable> type, String words, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(
                String.valueOf(e.getMessage()).contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
    }
}

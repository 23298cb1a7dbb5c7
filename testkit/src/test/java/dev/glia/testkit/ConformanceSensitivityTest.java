package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The conformance kit must fail broken backends and pass sloppy-but-correct ones: each test runs part of
 * {@link BackendConformanceTest} against a {@link MutantBackend} with one operation replaced.
 */
class ConformanceSensitivityTest {

    /** Runs a part of the kit on a backend and returns the names of the checks that failed (with their messages). */
    private static List<String> failures(
            Supplier<Backend> backend, Function<BackendConformanceTest, Stream<DynamicTest>> part) {
        BackendConformanceTest kit = new BackendConformanceTest() {
            @Override
            protected Backend createBackend() {
                return backend.get();
            }

            @Override
            protected List<dev.glia.api.Activation> activations() {
                return TestActivations.all();
            }
        };
        kit.openBackends();
        List<String> failed = new ArrayList<>();
        try {
            part.apply(kit).forEach(test -> {
                try {
                    test.getExecutable().execute();
                } catch (AssertionError e) {
                    failed.add(test.getDisplayName() + ": " + e.getMessage());
                } catch (Throwable t) {
                    failed.add(test.getDisplayName() + ": unexpected " + t);
                }
            });
        } finally {
            kit.closeBackends();
        }
        return failed;
    }

    private static DynamicTest plain(String name, Runnable r) {
        return DynamicTest.dynamicTest(name, r::run);
    }

    private static void assertAllPass(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " checks failed, first: " + failures.get(0));
        }
    }

    @Test
    void aFloat32BackendWithinOpenClErrorBoundsPassesEverything() {
        assertAllPass(failures(
                Float32LikeBackend::new,
                kit -> Stream.of(
                                kit.gemm(),
                                kit.elementwiseUnary(),
                                kit.elementwiseBinary(),
                                kit.elementwiseWhere(),
                                kit.elementwiseComposite(),
                                kit.elementwiseInPlace(),
                                kit.reductions(),
                                kit.activationsMatchReference(),
                                kit.gemmFloat64(),
                                kit.elementwiseFloat64(),
                                Stream.of(
                                        plain("nan", kit::elementwiseNaNSemantics),
                                        plain("max nan", kit::maxPropagatesNaN),
                                        plain("ties", kit::argmaxPicksTheFirstOfTies)))
                        .flatMap(s -> s)));
    }

    @Test
    void gemmIgnoringBetaFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
                        super.gemm(ta, tb, alpha, a, b, 0, c);
                    }
                },
                BackendConformanceTest::gemm);
        assertEquals(256, failed.size(), "every gemm case has a beta != 0 variant");
        assertTrue(
                failed.get(0).contains("beta=1.0") && failed.get(0).contains("first mismatch at index"), failed.get(0));
    }

    @Test
    void gemmReadingCWhenBetaIsZeroFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
                        super.gemm(ta, tb, alpha, a, b, beta == 0 ? Double.MIN_VALUE : beta, c);
                    }
                },
                BackendConformanceTest::gemm);
        assertEquals(256, failed.size());
        assertTrue(failed.get(0).contains("prefilled with NaN"), failed.get(0));
    }

    @Test
    void aSlightlyWrongExpFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
                        super.elementwise(expr, out, inputs);
                        if (expr.equals(Expr.input(0).apply(UnaryOp.EXP))) {
                            super.elementwise(Expr.input(0).mul(1 + 1e-4), out, out);
                        }
                    }
                },
                BackendConformanceTest::elementwiseUnary);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("FLOAT32 exp"), failed.get(0));
    }

    @Test
    void clearingTheOutputFirstBreaksInPlaceAndIsCaught() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
                        write(out, new double[out.shape().size()]);
                        super.elementwise(expr, out, inputs);
                    }
                },
                BackendConformanceTest::elementwiseInPlace);
        // all but "out = t * t - t", whose output is a separate tensor
        assertEquals(5, failed.size(), failed.toString());
        assertTrue(failed.stream().noneMatch(f -> f.startsWith("FLOAT32 out = t * t")), failed.toString());
    }

    @Test
    void readingAColumnInputLikeARowFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
                        Tensor[] swapped = inputs.clone();
                        List<Tensor> temporaries = new ArrayList<>();
                        for (int i = 0; i < inputs.length; i++) {
                            Shape s = inputs[i].shape();
                            int rows = out.shape().rows();
                            int cols = out.shape().columns();
                            if (s.columns() == 1 && s.rows() == rows && rows > 1 && cols > 1) {
                                // a column input read with the column index, wrapped: data[c % rows]
                                double[] col = inputs[i].toDoubleArray();
                                double[] row = new double[cols];
                                for (int c = 0; c < cols; c++) {
                                    row[c] = col[c % rows];
                                }
                                swapped[i] = out.dtype() == DType.FLOAT32
                                        ? upload(Domain.toFloat(row), Shape.of(1, cols))
                                        : upload(row, Shape.of(1, cols));
                                temporaries.add(swapped[i]);
                            }
                        }
                        super.elementwise(expr, out, swapped);
                        temporaries.forEach(Tensor::close);
                    }
                },
                BackendConformanceTest::elementwiseBinary);
        // every binary op has 4 layouts with a column input, and only those fail
        assertEquals(12 * 4, failed.size(), failed.toString());
        assertTrue(failed.stream().allMatch(f -> f.substring(0, f.indexOf(':')).contains("column")), failed.toString());
    }

    @Test
    void argmaxPickingTheLastTieFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void argmax(Tensor in, int axis, Tensor out) {
                        int count = out.shape().size();
                        double[] v = in.toDoubleArray();
                        int cols = in.shape().columns();
                        int length = axis == 0 ? in.shape().rows() : cols;
                        double[] idx = new double[count];
                        for (int o = 0; o < count; o++) {
                            double best = Double.NEGATIVE_INFINITY;
                            for (int p = 0; p < length; p++) {
                                double x = v[axis == 0 ? p * cols + o : o * cols + p];
                                if (x >= best) {
                                    best = x;
                                    idx[o] = p;
                                }
                            }
                        }
                        write(out, idx);
                    }
                },
                kit -> Stream.concat(kit.reductions(), Stream.of(plain("ties", kit::argmaxPicksTheFirstOfTies))));
        List<String> names =
                failed.stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
        assertEquals(List.of("FLOAT32 argmax axis 0 with ties", "FLOAT32 argmax axis 1 with ties", "ties"), names);
    }

    @Test
    void maxIgnoringNaNFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void max(Tensor in, int axis, Tensor out) {
                        double[] v = in.toDoubleArray();
                        try (Tensor clean = upload(
                                        Arrays.stream(v)
                                                .map(x -> Double.isNaN(x) ? -1e300 : x)
                                                .toArray(),
                                        in.shape());
                                Tensor o64 = allocate(out.shape(), DType.FLOAT64)) {
                            super.max(clean, axis, o64);
                            write(out, o64.toDoubleArray());
                        }
                    }
                },
                kit -> Stream.of(plain("max nan", kit::maxPropagatesNaN)));
        assertEquals(1, failed.size());
    }

    @Test
    void aLeakingBackendFailsAfterTheTest() {
        BackendConformanceTest kit = new BackendConformanceTest() {
            @Override
            protected Backend createBackend() {
                return new MutantBackend() {
                    @Override
                    public void sum(Tensor in, int axis, Tensor out) {
                        allocate(Shape.of(1), DType.FLOAT32); // a temporary never closed
                        super.sum(in, axis, out);
                    }
                };
            }
        };
        kit.openBackends();
        kit.argmaxPicksTheFirstOfTies();
        kit.reductions().limit(1).forEach(t -> assertDoesNotThrow(t.getExecutable()));
        assertThrows(AssertionError.class, kit::closeBackends, "the kit must report leaked tensors");
    }

    @Test
    void acceptingAnotherBackendsTensorFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void download(Tensor src, float[] dst) {
                        src.backend().download(src, dst);
                    }
                },
                kit -> Stream.of(
                        plain("foreign", kit::tensorsOfAnotherBackendAreRejected),
                        plain("round trip", kit::floatRoundTrip)));
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("foreign: download of a tensor of another backend"), failed.get(0));
    }

    @Test
    void aFloat32OnlyBackendSkipsTheFloat64Checks() {
        BackendConformanceTest kit = new BackendConformanceTest() {
            @Override
            protected Backend createBackend() {
                return new MutantBackend() {
                    @Override
                    public boolean supports(DType dtype) {
                        return dtype == DType.FLOAT32;
                    }
                };
            }
        };
        kit.openBackends();
        try {
            assertThrows(TestAbortedException.class, kit::gemmFloat64);
            assertThrows(TestAbortedException.class, kit::elementwiseFloat64);
            assertThrows(TestAbortedException.class, kit::reductionsFloat64);
            assertThrows(TestAbortedException.class, kit::doubleRoundTrip);
            assertThrows(TestAbortedException.class, kit::activationsMatchReference, "no activations given");
            kit.floatRoundTrip();
            kit.liveTensorsAndBytesFollowAllocateAndClose();
        } finally {
            kit.closeBackends();
        }
    }

    // ----- views and block copies

    @Test
    void aReshapeThatCopiesFails() {
        BackendConformanceTest kit = new BackendConformanceTest() {
            @Override
            protected Backend createBackend() {
                return new MutantBackend() {
                    @Override
                    public Tensor reshape(Tensor tensor, Shape shape) {
                        double[] v = tensor.toDoubleArray();
                        return tensor.dtype() == DType.FLOAT32 ? upload(Domain.toFloat(v), shape) : upload(v, shape);
                    }
                };
            }
        };
        kit.openBackends();
        Stream.concat(kit.reshapeViews(), Stream.of(plain("lifetime", kit::viewsOwnNoMemoryAndDieWithTheirBase)))
                .forEach(test -> assertThrows(AssertionError.class, test.getExecutable(), test.getDisplayName()));
        assertThrows(AssertionError.class, kit::closeBackends, "the copies are tensors of their own, left open");
    }

    @Test
    void aCopyBlockDroppingTheLastColumnFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void copyBlock(
                            Tensor src,
                            int srcRow,
                            int srcColumn,
                            Tensor dst,
                            int dstRow,
                            int dstColumn,
                            int rows,
                            int columns) {
                        super.copyBlock(src, srcRow, srcColumn, dst, dstRow, dstColumn, rows, Math.max(1, columns - 1));
                    }
                },
                BackendConformanceTest::copyBlock);
        List<String> names =
                failed.stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
        assertEquals(
                BlockCopyChecks.CASES.length - 3 + 1, failed.size(), "all but the blocks of one column fail: " + names);
        assertTrue(names.stream().noneMatch(n -> n.contains("element") || n.contains("one column")), names.toString());
        assertTrue(failed.get(0).contains("first mismatch at index"), failed.get(0));
    }

    @Test
    void aCopyBlockIgnoringTheRowStridesFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void copyBlock(
                            Tensor src,
                            int srcRow,
                            int srcColumn,
                            Tensor dst,
                            int dstRow,
                            int dstColumn,
                            int rows,
                            int columns) {
                        try (Tensor s = reshape(src, Shape.of(src.shape().size()));
                                Tensor d = reshape(dst, Shape.of(dst.shape().size()))) {
                            super.copyBlock(
                                    s,
                                    0,
                                    srcRow * src.shape().columns() + srcColumn,
                                    d,
                                    0,
                                    dstRow * dst.shape().columns() + dstColumn,
                                    1,
                                    rows * columns);
                        }
                    }
                },
                BackendConformanceTest::copyBlock);
        List<String> names =
                failed.stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
        assertEquals(
                List.of(
                        "FLOAT32 an interior block",
                        "FLOAT32 a block wider than 128",
                        "FLOAT32 whole rows into a wider matrix",
                        "FLOAT32 one column",
                        "FLOAT32 time step 4 of [5, 7, 3]",
                        "FLOAT32 into time step 6 of [5, 7, 3]",
                        "FLOAT32 columns beside themselves in one tensor",
                        "FLOAT32 a block to the left and above in one tensor",
                        "FLOAT32 interleaved blocks of two views of one base",
                        "FLOAT32 concatenate and split"),
                names);
    }

    // ----- counter-based random numbers

    /** The random checks of the kit as one stream, plain tests included. */
    private static Stream<DynamicTest> randomChecks(BackendConformanceTest kit) {
        return Stream.of(
                        kit.randomUniform(),
                        kit.randomUniformFloat64(),
                        kit.randomNormal(),
                        kit.randomNormalFloat64(),
                        Stream.of(
                                plain("continue", kit::randomFillsContinue),
                                plain("statistics", kit::randomStatistics),
                                plain("refusals", kit::randomBadArgumentsThrow)))
                .flatMap(s -> s);
    }

    @Test
    void aBackendWithinFloatRoundingOfTheNormalsPassesTheRandomChecks() {
        assertAllPass(failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomNormal(Tensor out, long seed, long offset, double mean, double stddev) {
                        super.randomNormal(out, seed, offset, mean, stddev);
                        if (out.dtype()
                                == DType.FLOAT32) { // one float ulp off, as float transcendental functions may be
                            float[] v = out.toFloatArray();
                            for (int i = 0; i < v.length; i++) {
                                v[i] = Math.nextUp(v[i]);
                            }
                            write(out, v);
                        }
                    }
                },
                ConformanceSensitivityTest::randomChecks));
    }

    @Test
    void aUniformFillOneCounterLateFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomUniform(Tensor out, long seed, long offset, double low, double high) {
                        super.randomUniform(out, seed, offset + 1, low, high);
                    }
                },
                ConformanceSensitivityTest::randomChecks);
        // uniform: 5 streams x 2 dtypes; and the refusals: offset + 1 turns Long.MAX_VALUE into a negative offset
        assertEquals(11, failed.size(), failed.toString());
        assertTrue(failed.get(0).contains("randomUniform [1] FLOAT32 seed 0 offset 0"), failed.get(0));
    }

    @Test
    void aUniformRoundedTwiceFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomUniform(Tensor out, long seed, long offset, double low, double high) {
                        double[] u = new double[out.shape().size()];
                        dev.glia.api.spi.Philox.uniform(seed, offset, 0, 1, u);
                        float[] v = new float[u.length];
                        for (int i = 0;
                                i < u.length;
                                i++) { // float arithmetic: u, then the product, then the sum rounded
                            v[i] = (float) low + ((float) high - (float) low) * (float) u[i];
                        }
                        write(out, v);
                    }
                },
                kit -> kit.randomUniform());
        assertEquals(5, failed.size(), "bit-identity catches float arithmetic: " + failed);
    }

    @Test
    void normalsWithSinAndCosSwappedFail() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomNormal(Tensor out, long seed, long offset, double mean, double stddev) {
                        double[] v = new double[out.shape().size()];
                        dev.glia.api.spi.Philox.normal(seed, offset, 0, 1, v);
                        for (int i = 0; i + 1 < v.length; i += 2) {
                            double z0 = v[i];
                            v[i] = v[i + 1];
                            v[i + 1] = z0;
                        }
                        for (int i = 0; i < v.length; i++) {
                            v[i] = mean + stddev * v[i];
                        }
                        write(out, v);
                    }
                },
                ConformanceSensitivityTest::randomChecks);
        // normal: 5 streams x 2 dtypes; the statistics still pass; and the refusals, as the mutant checks nothing
        assertEquals(11, failed.size(), failed.toString());
        assertTrue(failed.stream().limit(10).allMatch(f -> f.contains("normal")), failed.toString());
        assertTrue(failed.get(10).startsWith("refusals"), failed.get(10));
    }

    @Test
    void aFillIgnoringTheOffsetFailsTheContinuation() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomNormal(Tensor out, long seed, long offset, double mean, double stddev) {
                        super.randomNormal(out, seed, 0, mean, stddev);
                    }
                },
                kit -> Stream.of(plain("continue", kit::randomFillsContinue)));
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).contains("randomNormal of 4 then 1 elements from offset + 1"), failed.get(0));
    }

    @Test
    void skewedNumbersFailTheStatistics() {
        List<String> uniform = failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomUniform(Tensor out, long seed, long offset, double low, double high) {
                        double[] u = new double[out.shape().size()];
                        dev.glia.api.spi.Philox.uniform(seed, offset, 0, 1, u);
                        for (int i = 0; i < u.length; i++) {
                            u[i] = low + (high - low) * Math.pow(u[i], 1.05); // a 5 % skew
                        }
                        write(out, u);
                    }
                },
                kit -> Stream.of(plain("statistics", kit::randomStatistics)));
        assertEquals(1, uniform.size());
        assertTrue(uniform.get(0).contains("randomUniform [-2, 6] FLOAT32 of 65536: mean"), uniform.get(0));
        List<String> normal = failures(
                () -> new MutantBackend() {
                    @Override
                    public void randomNormal(Tensor out, long seed, long offset, double mean, double stddev) {
                        super.randomNormal(out, seed, offset, mean, stddev * 1.03); // 3 % too wide
                    }
                },
                kit -> Stream.of(plain("statistics", kit::randomStatistics)));
        assertEquals(1, normal.size());
        assertTrue(normal.get(0).contains("randomNormal N(1, 2) FLOAT32 of 65536: variance"), normal.get(0));
    }

    // ----- INT32 tensors, gather and scatterAdd

    @Test
    void scatterAddKeepingOnlyTheLastOfRepeatedIndicesFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void scatterAdd(Tensor src, Tensor indices, Tensor table) {
                        int[] idx = new int[indices.shape().size()];
                        download(indices, idx);
                        double[] s = src.toDoubleArray();
                        double[] t = table.toDoubleArray();
                        int d = table.shape().columns();
                        boolean[] seen = new boolean[table.shape().rows()];
                        for (int i = idx.length - 1; i >= 0; i--) {
                            if (!seen[idx[i]]) {
                                seen[idx[i]] = true;
                                for (int j = 0; j < d; j++) {
                                    t[idx[i] * d + j] += s[i * d + j];
                                }
                            }
                        }
                        write(table, t);
                    }
                },
                kit -> Stream.concat(
                        kit.gatherAndScatterAdd(), Stream.of(plain("by hand", kit::gatherAndScatterAddByHand))));
        List<String> names =
                failed.stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
        // every case but the one of a single index repeats an index
        assertEquals(10, names.size(), failed.toString());
        assertTrue(
                names.stream().allMatch(n -> n.startsWith("scatterAdd FLOAT32") || n.equals("by hand")),
                names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("indices [1],")), names.toString());
    }

    @Test
    void gatherWrappingIndicesInsteadOfRefusingThemFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void gather(Tensor table, Tensor indices, Tensor out) {
                        int[] idx = new int[indices.shape().size()];
                        download(indices, idx);
                        int v = table.shape().rows();
                        for (int i = 0; i < idx.length; i++) {
                            idx[i] = Math.floorMod(idx[i], v);
                        }
                        try (Tensor wrapped = upload(idx, indices.shape())) {
                            super.gather(table, wrapped, out);
                        }
                    }
                },
                kit -> Stream.of(
                        plain("range", kit::gatherAndScatterAddRefuseIndicesOutOfRange),
                        plain("by hand", kit::gatherAndScatterAddByHand)));
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("range: gather with indices [0, 1, 2, 3, 4, 5]"), failed.get(0));
    }

    @Test
    void im2colIgnoringPaddingFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void im2col(Tensor input, dev.glia.api.Window2D window, Tensor columns) {
                        // shifts every patch by one row whenever there is padding above
                        super.im2col(
                                input,
                                window.padTop() > 0
                                        ? window.withPadding(
                                                window.padTop() - 1,
                                                window.padBottom() + 1,
                                                window.padLeft(),
                                                window.padRight())
                                        : window,
                                columns);
                    }
                },
                kit -> kit.convolutionWindows());
        assertTrue(failed.size() >= 3, "every padded case fails: " + failed);
        assertTrue(failed.get(0).contains("im2col of"), failed.get(0));
    }

    @Test
    void maxPoolingPickingTheLastOfTiesFails() {
        List<String> failed = failures(
                () -> new MutantBackend() {
                    @Override
                    public void maxPool2d(Tensor input, dev.glia.api.Window2D w, Tensor output, Tensor argmax) {
                        super.maxPool2d(input, w, output, argmax);
                        double[] v = input.toDoubleArray();
                        double[] y = output.toDoubleArray();
                        int h = input.shape().dim(2);
                        int width = input.shape().dim(3);
                        int oh = output.shape().dim(2);
                        int ow = output.shape().dim(3);
                        int[] p = new int[y.length];
                        input.backend().download(argmax, p);
                        for (int o = 0; o < y.length; o++) {
                            int plane = o / (oh * ow);
                            int top = (o / ow % oh) * w.strideHeight() - w.padTop();
                            int left = (o % ow) * w.strideWidth() - w.padLeft();
                            for (int i = 0; i < w.kernelHeight(); i++) {
                                for (int j = 0; j < w.kernelWidth(); j++) {
                                    int r = top + i;
                                    int c = left + j;
                                    if (r >= 0
                                            && r < h
                                            && c >= 0
                                            && c < width
                                            && v[plane * h * width + r * width + c] == y[o]) {
                                        p[o] = r * width + c; // the last maximum wins
                                    }
                                }
                            }
                        }
                        input.backend().write(argmax, p);
                    }
                },
                kit -> kit.convolutionWindows());
        assertFalse(failed.isEmpty(), "ties must be checked");
        assertTrue(failed.stream().allMatch(f -> f.contains("argmax")), failed.toString());
    }
}

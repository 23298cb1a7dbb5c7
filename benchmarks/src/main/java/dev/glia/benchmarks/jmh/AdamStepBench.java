package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Adam step over the parameters of the Fashion-MNIST MLP (784×256, 256, 256×10, 10: 203,530 floats),
 * three ways: {@code threePasses} is Adam as it was before the multi-output element-wise operation (m, v
 * and p each a fused pass of its own, as three calls), {@code onePass} the same arithmetic as one call with
 * three outputs, and {@code adam} the optimiser itself ({@link Optimizers#adam}), which now makes that one
 * pass. The score is microseconds per step. Run {@code benchmarks/run jmh AdamStepBench -p backend=ejml,nd4j};
 * or {@link #main} (backends, rounds), which times the three in turn in one JVM, rotating their order each
 * round, and prints medians: on a loaded machine a fairer comparison than forks run one after another.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class AdamStepBench {
    private static final double LR = 1e-3;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private static final double TINY = 1e-30;
    /** Where {@link #main} puts what each step returns, so that no call is optimised away; printed at the end. */
    private static float sink;

    private static final Shape[] SHAPES = {Shape.matrix(784, 256), Shape.of(256), Shape.matrix(256, 10), Shape.of(10)};

    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    private Backend b;
    private Fence fence;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Tensor[]> moments = new ArrayList<>();
    private final List<Tensor> owned = new ArrayList<>();
    private Tensor lrT;
    private Tensor c2;
    private Optimizer adam;
    private long t;
    // the three passes of the old Adam, and the one pass of the new
    private Expr firstMoment;
    private Expr secondMoment;
    private Expr parameterUpdate;
    private List<Expr> update;

    /** Opens the backend and makes the parameters, gradients and moments. */
    @Setup(Level.Trial)
    public void setup() {
        b = GliaBackends.open(backend);
        fence = new Fence(b);
        SplittableRandom random = new SplittableRandom(7);
        for (Shape s : SHAPES) {
            Tensor p = keep(b.upload(values(random, s.size(), 0.1), s));
            Tensor g = keep(b.upload(values(random, s.size(), 0.01), s));
            parameters.add(new Parameter("p" + parameters.size(), p, g));
            moments.add(new Tensor[] {keep(b.allocate(s, p.dtype())), keep(b.allocate(s, p.dtype()))});
        }
        lrT = keep(b.allocate(Shape.matrix(1, 1), parameters.get(0).value().dtype()));
        c2 = keep(b.allocate(Shape.matrix(1, 1), parameters.get(0).value().dtype()));
        adam = Optimizers.adam(LR, BETA1, BETA2, EPS);
        Expr state = Expr.input(0);
        Expr g = Expr.input(1);
        firstMoment = flushTiny(state.mul(BETA1).add(g.mul(1 - BETA1)));
        secondMoment = flushTiny(state.mul(BETA2).add(g.mul(g).mul(1 - BETA2)));
        Expr v = Expr.input(2).mul(Expr.input(4)); // inputs: p, m, v, lr_t, c2
        parameterUpdate =
                Expr.input(0).sub(Expr.input(3).mul(Expr.input(1)).div(v.sqrt().add(EPS)));
        Expr m1 = flushTiny(Expr.input(2).mul(BETA1).add(g.mul(1 - BETA1))); // inputs: p, g, m, v, lr_t, c2
        Expr v1 = flushTiny(Expr.input(3).mul(BETA2).add(g.mul(g).mul(1 - BETA2)));
        update = List.of(
                m1,
                v1,
                Expr.input(0)
                        .sub(Expr.input(4)
                                .mul(m1)
                                .div(v1.mul(Expr.input(5)).sqrt().add(EPS))));
    }

    /**
     * {@code AdamStepBench ejml,nd4j 400}: per backend, {@code rounds} rounds of 20 steps of each method in a
     * rotating order, after 200 steps of warm-up; prints each method's median and quartiles in µs per step.
     */
    public static void main(String[] args) {
        String[] names = {"threePasses", "onePass", "adam"};
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int steps = 20;
        for (String name : (args.length > 0 ? args[0] : "ejml").split(",", -1)) {
            AdamStepBench bench = new AdamStepBench();
            bench.backend = name;
            bench.setup();
            double[][] micros = new double[names.length][rounds];
            try {
                for (int w = 0; w < 200; w++) {
                    bench.threePasses();
                    bench.onePass();
                    bench.adam();
                }
                for (int r = 0; r < rounds; r++) {
                    for (int turn = 0; turn < names.length; turn++) {
                        int k = (turn + r) % names.length;
                        long start = System.nanoTime();
                        for (int i = 0; i < steps; i++) {
                            sink += k == 0 ? bench.threePasses() : k == 1 ? bench.onePass() : bench.adam();
                        }
                        micros[k][r] = (System.nanoTime() - start) / 1e3 / steps;
                    }
                }
            } finally {
                bench.tearDown();
            }
            for (int k = 0; k < names.length; k++) {
                double[] x = micros[k].clone();
                java.util.Arrays.sort(x);
                System.out.printf(
                        "%s %-12s median %.0f us/step (quartiles %.0f-%.0f; %d rounds of %d steps)%n",
                        name, names[k], x[rounds / 2], x[rounds / 4], x[3 * rounds / 4], rounds, steps);
            }
        }
        System.out.printf("(checksum of the steps' results: %g)%n", sink);
    }

    private static Expr flushTiny(Expr moment) {
        return moment.sub(moment.max(-TINY).min(TINY));
    }

    /** Three fused passes per parameter (m, then v, then p): the form one multi-output pass replaces. */
    @Benchmark
    public float threePasses() {
        writeFactors();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor[] s = moments.get(i);
            b.elementwise(firstMoment, s[0], s[0], p.gradient());
            b.elementwise(secondMoment, s[1], s[1], p.gradient());
            b.elementwise(parameterUpdate, p.value(), p.value(), s[0], s[1], lrT, c2);
        }
        return fence.await();
    }

    /** After: one pass per parameter with three outputs, the same arithmetic. */
    @Benchmark
    public float onePass() {
        writeFactors();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor[] s = moments.get(i);
            b.elementwise(update, List.of(s[0], s[1], p.value()), p.value(), p.gradient(), s[0], s[1], lrT, c2);
        }
        return fence.await();
    }

    /** The optimiser itself. */
    @Benchmark
    public float adam() {
        adam.step(parameters);
        return fence.await();
    }

    private void writeFactors() {
        t++;
        b.write(lrT, new double[] {LR / (1 - Math.pow(BETA1, (double) t))});
        b.write(c2, new double[] {1 / (1 - Math.pow(BETA2, (double) t))});
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        adam.close();
        owned.forEach(Tensor::close);
        fence.close();
        b.close();
    }

    private Tensor keep(Tensor tensor) {
        owned.add(tensor);
        return tensor;
    }

    private static float[] values(SplittableRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }
}

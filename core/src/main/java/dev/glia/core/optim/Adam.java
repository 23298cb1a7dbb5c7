package dev.glia.core.optim;

import dev.glia.api.Backend;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015), with bias correction, as one fused element-wise pass per parameter with
 * three outputs, all in place: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g²} and
 * {@code p = p - lr_t m / (sqrt(v c2) + eps)} from the new {@code m} and {@code v}, where
 * {@code lr_t = lr / (1 - b1^t)} and {@code c2 = 1 / (1 - b2^t)}. The pass reads {@code p, g, m, v} and
 * writes {@code p, m, v} once per element, where three passes read nine tensors and wrote three. The two
 * step-dependent factors are one-element tensors written each step, so the kernel never changes and
 * compiles once.
 */
final class Adam extends StatefulOptimizer {
    /** Moments are shrunk toward zero by this much each step (see {@link #flushTiny}). */
    static final double TINY = 1e-30;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    /** The new m, v and p, from the inputs p, g, m, v, lr_t, c2. */
    private final List<Expr> update;

    private final IdentityHashMap<Backend, Tensor[]> factors = new IdentityHashMap<>();
    private long t;

    Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(2);
        Optimizers.checkPositive("learning rate", learningRate);
        Optimizers.checkPositive("epsilon", epsilon);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam's betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        // inputs: p, g, m, v, lr_t, c2
        Expr p = Expr.input(0);
        Expr g = Expr.input(1);
        Expr m = flushTiny(Expr.input(2).mul(beta1).add(g.mul(1 - beta1)));
        Expr v = flushTiny(Expr.input(3).mul(beta2).add(g.mul(g).mul(1 - beta2)));
        Expr step = Expr.input(4).mul(m).div(v.mul(Expr.input(5)).sqrt().add(epsilon));
        this.update = List.of(m, v, p.sub(step));
    }

    /**
     * A moment whose gradient has stopped (a dead ReLU's weights) decays geometrically into subnormal
     * floats, and subnormal arithmetic is many times slower on CPUs; the JVM cannot set flush-to-zero.
     * So each new moment is soft-thresholded: {@code m - clamp(m, -TINY, TINY)} is exactly 0 when
     * {@code |m| <= TINY} and moves a larger moment {@link #TINY} closer to zero. In float arithmetic what is
     * left is 0 or a difference of two floats near 1e-30, a multiple of 2^-123, so never subnormal. The
     * shift changes an update by less than 1e-21 of the learning rate. Written with max and min rather than
     * a comparison and a select, it also runs about twice as fast in the Java kernels.
     */
    private static Expr flushTiny(Expr moment) {
        return moment.sub(moment.max(-TINY).min(TINY));
    }

    @Override
    public String id() {
        return "adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }

    @Override
    public void step(List<Parameter> parameters) {
        t++;
        double lrT = learningRate / (1 - Math.pow(beta1, (double) t));
        double c2 = 1 / (1 - Math.pow(beta2, (double) t));
        for (Tensor[] f : factors.values()) {
            f[0].backend().write(f[0], new double[] {lrT});
            f[1].backend().write(f[1], new double[] {c2});
        }
        for (Parameter p : parameters) {
            Tensor[] f = factors(p.value(), lrT, c2);
            Tensor[] s = state(p);
            Backend b = p.value().backend();
            b.elementwise(update, List.of(s[0], s[1], p.value()), p.value(), p.gradient(), s[0], s[1], f[0], f[1]);
        }
    }

    @Override
    long steps() {
        return t;
    }

    @Override
    void steps(long taken) {
        t = taken;
    }

    private Tensor[] factors(Tensor like, double lrT, double c2) {
        return factors.computeIfAbsent(like.backend(), b -> {
            Tensor lr = own(b.allocate(Shape.matrix(1, 1), like.dtype()));
            Tensor c = own(b.allocate(Shape.matrix(1, 1), like.dtype()));
            b.write(lr, new double[] {lrT});
            b.write(c, new double[] {c2});
            return new Tensor[] {lr, c};
        });
    }

    @Override
    void update(Parameter p, Tensor[] state) {
        throw new AssertionError("Adam overrides step");
    }

    @Override
    public void close() {
        super.close();
        factors.clear();
    }
}

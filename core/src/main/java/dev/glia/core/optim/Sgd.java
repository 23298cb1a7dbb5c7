package dev.glia.core.optim;

import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;

/**
 * Stochastic gradient descent, optionally with momentum (the PyTorch form):
 * {@code v = mu v + g; p = p - lr v}.
 */
final class Sgd extends StatefulOptimizer {
    private final double learningRate;
    private final double momentum;
    private final Expr plainUpdate;
    private final Expr velocityUpdate;
    private final Expr momentumUpdate;

    Sgd(double learningRate, double momentum) {
        super(momentum == 0 ? 0 : 1);
        Optimizers.checkPositive("learning rate", learningRate);
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("Momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        Expr p = Expr.input(0);
        Expr g = Expr.input(1);
        this.plainUpdate = p.sub(g.mul(learningRate));
        this.velocityUpdate = Expr.input(0).mul(momentum).add(g); // inputs v, g
        this.momentumUpdate = p.sub(g.mul(learningRate)); // inputs p, v
    }

    @Override
    public String id() {
        return momentum == 0
                ? "sgd(lr=" + learningRate + ")"
                : "momentum(lr=" + learningRate + ", mu=" + momentum + ")";
    }

    @Override
    void update(Parameter p, Tensor[] state) {
        var b = p.value().backend();
        if (momentum == 0) {
            b.elementwise(plainUpdate, p.value(), p.value(), p.gradient());
        } else {
            Tensor v = state[0];
            b.elementwise(velocityUpdate, v, v, p.gradient());
            b.elementwise(momentumUpdate, p.value(), p.value(), v);
        }
    }
}

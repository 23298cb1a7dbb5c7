package dev.glia.core.internal;

import dev.glia.api.ColumnBlock;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.LayerType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gated recurrent unit layer with PyTorch's equations ({@code torch.nn.GRU}), for each step t from
 * {@code h₋₁ = h0}:
 *
 * <pre>
 * r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 * z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 * n_t = tanh(W_in x_t + b_in + r_t ∘ (W_hn h_{t-1} + b_hn))
 * h_t = (1 - z_t) ∘ n_t + z_t ∘ h_{t-1}
 * </pre>
 *
 * {@code weight_ih} is {@code [W_ir; W_iz; W_in]} ({@code [3H, F]}), {@code weight_hh} likewise ({@code [3H, H]}),
 * the biases {@code [3H]} in the same gate order (r, z, n), as PyTorch's {@code weight_ih_l0} etc. Forward per
 * step: one {@code gemm} gives {@code h_{t-1} · weight_hhᵀ}, and one five-output element-wise call reads the
 * gates' input parts, recurrent parts and biases as column blocks and gives r, z, n,
 * {@code W_hn h_{t-1} + b_hn} (kept for backward) and h. Backward writes the gates' gradients into the step's
 * {@code [N, 3H]} recurrent part for the {@code gemm} that gives h's gradient, and into the all-steps tensors of
 * the input and recurrent parts for the weights' gradients after the loop.
 */
final class Gru extends Recurrent {
    static final String TYPE = "gru";
    private static final List<String> STATE = List.of("h");
    private static final List<Expr> FORWARD;
    private static final List<Expr> BACKWARD;

    static {
        // inputs: the input parts of r, z, n; the recurrent parts of r, z, n; b_hr, b_hz, b_hn; h_{t-1};
        // b_ir, b_iz, b_in
        Expr r = sigmoid(Expr.input(0).add(Expr.input(10)).add(Expr.input(3)).add(Expr.input(6)));
        Expr z = sigmoid(Expr.input(1).add(Expr.input(11)).add(Expr.input(4)).add(Expr.input(7)));
        Expr hn = Expr.input(5).add(Expr.input(8));
        Expr n = Expr.input(2).add(Expr.input(12)).add(r.mul(hn)).tanh();
        Expr hPrev = Expr.input(9);
        FORWARD = List.of(r, z, n, hn, n.add(z.mul(hPrev.sub(n))));
        // inputs: dy, dh (from step t+1), r, z, n, hn, h_{t-1}
        Expr dh = Expr.input(0).add(Expr.input(1));
        Expr br = Expr.input(2);
        Expr bz = Expr.input(3);
        Expr bn = Expr.input(4);
        Expr dan = dh.mul(one(bz)).mul(one(bn.mul(bn)));
        Expr dr = dan.mul(Expr.input(5)).mul(br).mul(one(br));
        Expr dz = dh.mul(Expr.input(6).sub(bn)).mul(bz).mul(one(bz));
        Expr dhn = dan.mul(br);
        // the input parts' gradients (r, z, n), the recurrent parts' for this step and for all steps, h's
        BACKWARD = List.of(dr, dz, dan, dr, dz, dhn, dr, dz, dhn, dh.mul(bz));
    }

    private static Expr one(Expr x) {
        return Expr.constant(1).sub(x);
    }

    /** Column sums of the recurrent parts' gradients. */
    private final Tensor recurrentSums;
    /** {@link #FORWARD}, with h again for the output when the layer returns sequences. */
    private final List<Expr> forward;

    Gru(LayerContext context, Shape in, int hidden, boolean sequences) {
        super(context, in, "GRU", TYPE, hidden, 3, sequences);
        forward = withOutput(FORWARD);
        try {
            recurrentSums = backend.allocate(Shape.of(3 * hidden), dtype);
        } catch (RuntimeException e) {
            super.close();
            throw e;
        }
    }

    @Override
    public List<String> stateNames() {
        return STATE;
    }

    /** A GRU run: each step's gates, and the per-step scratch. */
    private final class GruRun extends Run {
        final Tensor[] reset = states(length);
        final Tensor[] update = states(length);
        final Tensor[] candidate = states(length);
        final Tensor[] recurrentCandidate = states(length);
        /** One step's recurrent product {@code [N, 3H]}. */
        final Tensor product = owned.add(backend.allocate(Shape.matrix(batch, 3 * hidden), dtype));
        /** One step's recurrent parts' gradients {@code [N, 3H]}. */
        Tensor dr;
        /** Every step's recurrent-part gradient {@code [N·T, 3H]}, as {@code [N, T·3H]}. */
        Tensor drAll;

        Tensor drBySample;

        GruRun(Tensors owned, int batch, int length) {
            super(owned, batch, length);
        }

        @Override
        void cellBackwardBuffers() {
            dr = owned.add(backend.allocate(product.shape(), dtype));
            drAll = owned.add(backend.allocate(p.shape(), dtype));
            drBySample = backend.reshape(drAll, pBySample.shape());
        }

        @Override
        Tensor recurrentGradient() {
            return drAll;
        }

        @Override
        List<Tensor> finalState() {
            return List.of(h[length - 1]);
        }

        @Override
        List<Tensor> startGradient() {
            return List.of(dh);
        }
    }

    @Override
    Run newRun(Tensors owned, int batch, int length) {
        return new GruRun(owned, batch, length);
    }

    @Override
    void forwardStep(Run r, int t) {
        GruRun run = (GruRun) r;
        Tensor hPrev = run.hBefore(t);
        backend.gemm(false, true, 1, hPrev, weightHh.value(), 0, run.product);
        List<ColumnBlock> ins = new ArrayList<>(13);
        for (int k = 0; k < 3; k++) {
            ins.add(gate(run.pBySample, t, k));
        }
        for (int k = 0; k < 3; k++) {
            ins.add(gate(run.product, 0, k));
        }
        for (int k = 0; k < 3; k++) {
            ins.add(gate(biasHh.value(), 0, k)); // one row, broadcast down the batch
        }
        ins.add(ColumnBlock.of(hPrev));
        for (int k = 0; k < 3; k++) {
            ins.add(gate(biasIh.value(), 0, k));
        }
        List<ColumnBlock> outs =
                blocks(run.reset[t], run.update[t], run.candidate[t], run.recurrentCandidate[t], run.h[t]);
        backend.elementwiseColumns(forward, withOutput(run, t, outs), ins);
    }

    @Override
    void clearStateGradients(Run run) {
        copy(run.zeros, run.dh);
    }

    @Override
    void backwardStep(Run r, int t, ColumnBlock dy) {
        GruRun run = (GruRun) r;
        List<ColumnBlock> outs = new ArrayList<>(10);
        for (int k = 0; k < 3; k++) {
            outs.add(gate(run.dpBySample, t, k));
        }
        for (int k = 0; k < 3; k++) {
            outs.add(gate(run.dr, 0, k));
        }
        for (int k = 0; k < 3; k++) {
            outs.add(gate(run.drBySample, t, k));
        }
        outs.add(ColumnBlock.of(run.dh));
        List<ColumnBlock> ins = new ArrayList<>(7);
        ins.add(dy);
        ins.addAll(blocks(
                run.dh, run.reset[t], run.update[t], run.candidate[t], run.recurrentCandidate[t], run.hBefore(t)));
        backend.elementwiseColumns(BACKWARD, outs, ins);
        backend.gemm(false, false, 1, run.dr, weightHh.value(), 1, run.dh);
    }

    @Override
    void addBiasGradients(Run r) {
        GruRun run = (GruRun) r;
        backend.sum(run.drAll, 0, recurrentSums);
        backend.elementwise(
                List.of(ADD, Expr.input(2).add(Expr.input(3))),
                List.of(biasIh.gradient(), biasHh.gradient()),
                biasIh.gradient(),
                sums,
                biasHh.gradient(),
                recurrentSums);
    }

    @Override
    void closeCell() {
        if (recurrentSums != null) {
            recurrentSums.close();
        }
    }

    static LayerSpec spec(int hidden, boolean sequences) {
        Lstm.checkHidden(hidden);
        return (in, context) -> new Gru(context, in, hidden, sequences);
    }

    /**
     * The {@code gru} type: configuration {@code {"hidden": H, "returnSequences": true|false}}; tensors
     * {@code weight_ih [3H, F]}, {@code weight_hh [3H, H]}, {@code bias_ih [3H]}, {@code bias_hh [3H]}.
     */
    public static final class Type implements LayerType {
        /** For the service loader. */
        public Type() {}

        @Override
        public String id() {
            return TYPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return Gru.spec(Configs.positiveInt(config, "hidden", TYPE), Lstm.sequences(config, TYPE));
        }
    }
}

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
 * A long short-term memory layer with PyTorch's equations ({@code torch.nn.LSTM}), for each step t from
 * {@code h₋₁ = h0}, {@code c₋₁ = c0}:
 *
 * <pre>
 * i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)
 * f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
 * g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
 * o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
 * c_t = f_t ∘ c_{t-1} + i_t ∘ g_t
 * h_t = o_t ∘ tanh(c_t)
 * </pre>
 *
 * {@code weight_ih} is {@code [W_ii; W_if; W_ig; W_io]} ({@code [4H, F]}), {@code weight_hh} likewise
 * ({@code [4H, H]}), and the biases {@code [4H]} in the same gate order (i, f, g, o): PyTorch's
 * {@code weight_ih_l0} etc. map onto them one to one. Forward per step: one {@code gemm} gives
 * {@code h_{t-1} · weight_hhᵀ} ({@code [N, 4H]}), and one seven-output element-wise call reads each gate's input
 * part and recurrent part as column blocks of the two products, adds its biases (summed once per pass) and gives
 * i, f, g, o, c, tanh(c) and h. Backward reads the stored tanh(c) and writes c's whole gradient as its first
 * output, which the later outputs read: the CPU kernels run one loop per output and recomputed every shared
 * subexpression that is not an output, five tanh per element. It writes the gates' gradients twice, into the
 * step's {@code [N, 4H]} for the {@code gemm} that gives h's gradient and into the all-steps tensor for the
 * weights' gradients after the loop.
 */
final class Lstm extends Recurrent {
    static final String TYPE = "lstm";
    private static final List<String> STATE = List.of("h", "c");
    private static final List<Expr> FORWARD;
    private static final List<Expr> BACKWARD;

    static {
        // inputs: the input parts of i, f, g, o; their recurrent parts; c_{t-1}; their biases (one row each)
        Expr i = sigmoid(gate(0));
        Expr f = sigmoid(gate(1));
        Expr g = gate(2).tanh();
        Expr o = sigmoid(gate(3));
        Expr c = f.mul(Expr.input(8)).add(i.mul(g));
        Expr tc = c.tanh();
        FORWARD = List.of(i, f, g, o, c, tc, o.mul(tc));
        // inputs: dy, dh (from step t+1), dc (from step t+1), i, f, g, o, tanh(c_t), c_{t-1}
        Expr bi = Expr.input(3);
        Expr bf = Expr.input(4);
        Expr bg = Expr.input(5);
        Expr bo = Expr.input(6);
        Expr tcb = Expr.input(7);
        Expr dh = Expr.input(0).add(Expr.input(1));
        Expr dc = Expr.input(2).add(dh.mul(bo).mul(one(tcb.mul(tcb))));
        List<Expr> gates = List.of(
                dc.mul(bg).mul(bi).mul(one(bi)),
                dc.mul(Expr.input(8)).mul(bf).mul(one(bf)),
                dc.mul(bi).mul(one(bg.mul(bg))),
                dh.mul(tcb).mul(bo).mul(one(bo)));
        List<Expr> backward = new ArrayList<>();
        backward.add(dc);
        backward.addAll(gates);
        backward.add(dc.mul(bf));
        backward.addAll(gates);
        BACKWARD = List.copyOf(backward);
    }

    /** Gate k's pre-activation: its input part plus its recurrent part plus its two biases' sum. */
    private static Expr gate(int k) {
        return Expr.input(k).add(Expr.input(4 + k)).add(Expr.input(9 + k));
    }

    private static Expr one(Expr x) {
        return Expr.constant(1).sub(x);
    }

    /** {@link #FORWARD}, with h again for the output when the layer returns sequences. */
    private final List<Expr> forward;
    /** {@code bias_ih + bias_hh}, {@code [4H]}, summed before each pass. */
    private final Tensor biases;

    Lstm(LayerContext context, Shape in, int hidden, boolean sequences) {
        super(context, in, "LSTM", TYPE, hidden, 4, sequences);
        forward = withOutput(FORWARD);
        try {
            biases = backend.allocate(Shape.of(4 * hidden), dtype);
        } catch (RuntimeException e) {
            super.close();
            throw e;
        }
    }

    @Override
    public List<String> stateNames() {
        return STATE;
    }

    /** An LSTM run: each step's gates and cell state, and the per-step scratch. */
    private final class LstmRun extends Run {
        final Tensor[] input = states(length);
        final Tensor[] forget = states(length);
        final Tensor[] cell = states(length);
        final Tensor[] output = states(length);
        final Tensor[] c = states(length);
        /** Each step's {@code tanh(c_t)}, which forward computes for h and backward reads. */
        final Tensor[] tanhC = states(length);
        /** One step's recurrent part {@code h_{t-1} · weight_hhᵀ}, {@code [N, 4H]}. */
        final Tensor z = owned.add(backend.allocate(Shape.matrix(batch, 4 * hidden), dtype));

        /** One step's pre-activation gradients {@code [N, 4H]}. */
        Tensor dz;

        Tensor dc;
        /** Step t's whole gradient of {@code c_t}: from step t+1 and through {@code h_t}. */
        Tensor dcSum;

        LstmRun(Tensors owned, int batch, int length) {
            super(owned, batch, length);
        }

        Tensor cBefore(int t) {
            return t == 0 ? start[1] : c[t - 1];
        }

        @Override
        void cellBackwardBuffers() {
            dz = owned.add(backend.allocate(z.shape(), dtype));
            dc = state();
            dcSum = state();
        }

        @Override
        Tensor recurrentGradient() {
            return dp;
        }

        @Override
        List<Tensor> finalState() {
            return List.of(h[length - 1], c[length - 1]);
        }

        @Override
        List<Tensor> startGradient() {
            return List.of(dh, dc);
        }
    }

    @Override
    Run newRun(Tensors owned, int batch, int length) {
        return new LstmRun(owned, batch, length);
    }

    @Override
    void prepareBiases() {
        backend.elementwise(ADD, biases, biasIh.value(), biasHh.value());
    }

    @Override
    void forwardStep(Run r, int t) {
        LstmRun run = (LstmRun) r;
        backend.gemm(false, true, 1, run.hBefore(t), weightHh.value(), 0, run.z);
        List<ColumnBlock> ins = new ArrayList<>(13);
        for (int k = 0; k < 4; k++) {
            ins.add(gate(run.pBySample, t, k));
        }
        for (int k = 0; k < 4; k++) {
            ins.add(gate(run.z, 0, k));
        }
        ins.add(ColumnBlock.of(run.cBefore(t)));
        for (int k = 0; k < 4; k++) {
            ins.add(gate(biases, 0, k)); // one row, broadcast down the batch
        }
        List<ColumnBlock> outs =
                blocks(run.input[t], run.forget[t], run.cell[t], run.output[t], run.c[t], run.tanhC[t], run.h[t]);
        backend.elementwiseColumns(forward, withOutput(run, t, outs), ins);
    }

    @Override
    void clearStateGradients(Run r) {
        LstmRun run = (LstmRun) r;
        copy(run.zeros, run.dh);
        copy(run.zeros, run.dc);
    }

    @Override
    void backwardStep(Run r, int t, ColumnBlock dy) {
        LstmRun run = (LstmRun) r;
        List<ColumnBlock> outs = new ArrayList<>(10);
        outs.add(ColumnBlock.of(run.dcSum));
        for (int k = 0; k < 4; k++) {
            outs.add(gate(run.dz, 0, k));
        }
        outs.add(ColumnBlock.of(run.dc));
        for (int k = 0; k < 4; k++) {
            outs.add(gate(run.dpBySample, t, k));
        }
        List<ColumnBlock> ins = new ArrayList<>(9);
        ins.add(dy);
        ins.addAll(blocks(
                run.dh, run.dc, run.input[t], run.forget[t], run.cell[t], run.output[t], run.tanhC[t], run.cBefore(t)));
        backend.elementwiseColumns(BACKWARD, outs, ins);
        backend.gemm(false, false, 1, run.dz, weightHh.value(), 0, run.dh);
    }

    @Override
    void addBiasGradients(Run run) {
        backend.elementwise(
                List.of(ADD.substitute(1, Expr.input(2)), Expr.input(1).add(Expr.input(2))),
                List.of(biasIh.gradient(), biasHh.gradient()),
                biasIh.gradient(),
                biasHh.gradient(),
                sums);
    }

    @Override
    void closeCell() {
        if (biases != null) {
            biases.close();
        }
    }

    static LayerSpec spec(int hidden, boolean sequences) {
        checkHidden(hidden);
        return (in, context) -> new Lstm(context, in, hidden, sequences);
    }

    static void checkHidden(int hidden) {
        if (hidden < 1) {
            throw new IllegalArgumentException("A recurrent layer has at least 1 hidden unit, got " + hidden);
        }
    }

    /** Reads {@code returnSequences}, which must be true or false. */
    static boolean sequences(Map<String, Object> config, String type) {
        if (!(config.get("returnSequences") instanceof Boolean b)) {
            throw new IllegalArgumentException("Layer type '" + type + "': 'returnSequences' must be true or false,"
                    + " got " + config.get("returnSequences"));
        }
        return b;
    }

    /**
     * The {@code lstm} type: configuration {@code {"hidden": H, "returnSequences": true|false}}; tensors
     * {@code weight_ih [4H, F]}, {@code weight_hh [4H, H]}, {@code bias_ih [4H]}, {@code bias_hh [4H]}.
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
            return Lstm.spec(Configs.positiveInt(config, "hidden", TYPE), sequences(config, TYPE));
        }
    }
}

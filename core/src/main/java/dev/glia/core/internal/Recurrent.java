package dev.glia.core.internal;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.LayerContext;
import dev.glia.api.Parameter;
import dev.glia.api.RecurrentLayer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Lstm} and {@link Gru} share: PyTorch's parameters ({@code weight_ih [G·H, F]}, {@code weight_hh
 * [G·H, H]}, {@code bias_ih [G·H]}, {@code bias_hh [G·H]}, G gates, all uniform in ±1/√H), the loop over time,
 * the initial and final state, and the input side of backward.
 *
 * <p>The input part of every gate for every time step is one {@code gemm} before the loop ({@code [N·T, F] ×
 * weight_ihᵀ}, rows {@code n·T + t}); each step is one {@code gemm} for the recurrent part and one multi-output
 * element-wise call for the cell, written by the subclass. The cell reads its gates as column blocks of the two
 * products and writes h into step t of the output, all in place ({@link Backend#elementwiseColumns}). Backward
 * walks the steps in reverse (one fused call and one {@code gemm} for the state's gradient per step); the fused
 * call writes every step's pre-activation gradients straight into {@code [N·T, G·H]} tensors, and after the loop
 * one {@code gemm} or sum each adds {@code weight_hh}'s, {@code weight_ih}'s and the biases' gradients and the
 * input gradient: one product of depth N·T runs far faster than T of depth N. Buffers are kept per batch size
 * ({@link PerBatch}), one set for sequences and one for {@link #step}; each step keeps its own state and gate
 * tensors for backward.
 */
abstract class Recurrent implements RecurrentLayer {
    static final Expr ADD = Expr.input(0).add(Expr.input(1));

    final String name;
    final Backend backend;
    final DType dtype;
    final Shape in;
    final Shape out;
    final int steps;
    final int features;
    final int hidden;
    final int gates;
    final boolean returnSequences;
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    final Parameter biasHh;
    /** Column sums of the pre-activation gradients, {@code [G·H]}. */
    final Tensor sums;

    private final String type;
    private final PerBatch<Run> runs;
    private final PerBatch<Run> stepRuns;
    private final ViewCache inputView = new ViewCache();
    private final ViewCache inputGradientView = new ViewCache();
    private List<Tensor> given;
    private Run last;
    private Tensor lastInput;
    private Run lastRun;
    private Run lastBackward;

    /** One batch size's buffers for {@code steps} time steps. */
    abstract class Run implements PerBatch.Buffers {
        final int batch;
        final int length;
        final Tensors owned;
        /** The input part of every gate, {@code [N·T, G·H]}, and as {@code [N, T·G·H]} (step t at {@code t·G·H}). */
        final Tensor p;

        final Tensor pBySample;
        /** Every step's output {@code [N, T, H]} when the layer returns sequences, else null. */
        final Tensor y;
        /** {@code [N, H]} zeros: the default initial state and a missing output gradient. */
        final Tensor zeros;
        /** Each step's {@code h}. */
        final Tensor[] h;
        /** The initial state of the last pass; a copy of the given one, or {@link #zeros}. */
        final Tensor[] start;

        final Tensor[] startCopy;
        Tensor dp;
        Tensor dpBySample;
        /** Every step's {@code h_{t-1}}, {@code [N·T, H]}, and as {@code [N, T·H]}, for {@code weight_hh}'s gradient. */
        Tensor hBeforeAll;

        Tensor hBeforeBySample;
        Tensor dh;
        Tensor dx;
        private boolean backwardReady;

        /** Allocates through {@code owned}, which the caller closes if a later allocation fails. */
        Run(Tensors owned, int batch, int length) {
            this.owned = owned;
            this.batch = batch;
            this.length = length;
            p = owned.add(backend.allocate(Shape.matrix(Math.multiplyExact(batch, length), gates * hidden), dtype));
            pBySample = backend.reshape(p, Shape.matrix(batch, length * gates * hidden));
            y = returnSequences ? owned.add(backend.allocate(Shape.of(batch, length, hidden), dtype)) : null;
            zeros = state();
            h = states(length);
            start = new Tensor[stateNames().size()];
            startCopy = new Tensor[start.length];
        }

        final Tensor state() {
            return owned.add(backend.allocate(Shape.matrix(batch, hidden), dtype));
        }

        final Tensor[] states(int count) {
            Tensor[] t = new Tensor[count];
            for (int i = 0; i < count; i++) {
                t[i] = state();
            }
            return t;
        }

        /** {@code h} before step t. */
        final Tensor hBefore(int t) {
            return t == 0 ? start[0] : h[t - 1];
        }

        /** Allocates what backward needs, once. */
        final void backwardBuffers() {
            if (!backwardReady) {
                dp = owned.add(backend.allocate(p.shape(), dtype));
                dpBySample = backend.reshape(dp, pBySample.shape());
                hBeforeAll = owned.add(backend.allocate(Shape.matrix(p.shape().dim(0), hidden), dtype));
                hBeforeBySample = backend.reshape(hBeforeAll, Shape.matrix(batch, length * hidden));
                dh = state();
                cellBackwardBuffers();
                backwardReady = true;
            }
        }

        /** The subclass's backward buffers. */
        abstract void cellBackwardBuffers();

        /** Every step's gradient of the recurrent part after backward, {@code [N·T, G·H]}. */
        abstract Tensor recurrentGradient();

        /** The state after the last step, in {@link #stateNames()} order. */
        abstract List<Tensor> finalState();

        /** The initial state's gradient after backward, in {@link #stateNames()} order. */
        abstract List<Tensor> startGradient();

        @Override
        public void close() {
            owned.close();
        }
    }

    Recurrent(LayerContext context, Shape in, String kind, String type, int hidden, int gates, boolean sequences) {
        this.name = context.layerName(kind);
        this.type = type;
        if (in.rank() != 2) {
            throw new IllegalArgumentException(name + " takes samples of shape [steps, features], got " + in
                    + "; an embedding of [T] token ids gives [T, dimension]");
        }
        if ((long) gates * hidden * Math.max(hidden, in.dim(1)) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + " with " + hidden + " hidden units over " + in.dim(1)
                    + " features has more weights than a tensor holds (2^31 - 9); use fewer units");
        }
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.in = in;
        this.steps = in.dim(0);
        this.features = in.dim(1);
        this.hidden = hidden;
        this.gates = gates;
        this.returnSequences = sequences;
        this.out = sequences ? Shape.of(steps, hidden) : Shape.of(hidden);
        double bound = 1 / Math.sqrt(hidden);
        LayerContext.Initial uniform = (shape, random) -> {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (random.nextDouble() * 2 - 1) * bound;
            }
            return v;
        };
        int rows = gates * hidden;
        Tensors owned = new Tensors();
        try {
            weightIh = parameter(context, owned, "weight_ih", Shape.matrix(rows, features), uniform);
            weightHh = parameter(context, owned, "weight_hh", Shape.matrix(rows, hidden), uniform);
            biasIh = parameter(context, owned, "bias_ih", Shape.of(rows), uniform);
            biasHh = parameter(context, owned, "bias_hh", Shape.of(rows), uniform);
            sums = owned.add(backend.allocate(Shape.of(rows), dtype));
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        this.runs = new PerBatch<>(batch -> run(batch, steps));
        this.stepRuns = new PerBatch<>(batch -> run(batch, 1));
    }

    private Parameter parameter(
            LayerContext context, Tensors owned, String name, Shape shape, LayerContext.Initial initial) {
        Tensor value = owned.add(context.tensor(name, shape, initial));
        return new Parameter(name, value, owned.add(backend.allocate(shape, dtype)));
    }

    /** A new set of buffers, allocated through {@code owned}. */
    abstract Run newRun(Tensors owned, int batch, int length);

    private Run run(int batch, int length) {
        Tensors owned = new Tensors();
        try {
            return newRun(owned, batch, length);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /** Readies what the cell reads of the biases, before the loop; the cell adds them to its gates. */
    void prepareBiases() {}

    /**
     * Step t: the recurrent {@code gemm}, the cell, {@code h[t]} and the cell's own state, and {@code h[t]} into step
     * t of {@code run.y} when the layer returns sequences ({@link #withOutput}).
     */
    abstract void forwardStep(Run run, int t);

    /**
     * Step t backward, given the output gradient {@code dy} of step t (a block of {@code [N, H]}): updates the running
     * state gradients (starting from zeros at the last step) and writes step t's gradients of the input part into
     * {@code run.dpBySample} and of the recurrent part into {@link Run#recurrentGradient()}.
     */
    abstract void backwardStep(Run run, int t, ColumnBlock dy);

    /** Sets the running state gradients to zero before the last step. */
    abstract void clearStateGradients(Run run);

    /** Adds the bias gradients; {@link #sums} holds the column sums of {@code run.dp}. */
    abstract void addBiasGradients(Run run);

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("hidden", hidden);
        config.put("returnSequences", returnSequences);
        return config;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weightIh, weightHh, biasIh, biasHh);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shapes.checkBatch(name, input, in);
        int batch = input.shape().dim(0);
        last = null;
        lastInput = null;
        Run run = runs.get(batch);
        Tensor x = inputView.of(backend, input, Shape.matrix(batch * steps, features));
        run(run, x);
        if (training) {
            last = run;
            lastInput = x;
        }
        return returnSequences ? run.y : run.h[steps - 1];
    }

    @Override
    public Tensor step(Tensor x) {
        Shape s = x.shape();
        if (s.rank() != 2 || s.dim(1) != features) {
            throw new IllegalArgumentException(
                    name + ".step takes one time step of shape [batchSize, " + features + "], got " + s);
        }
        Run run = stepRuns.get(s.dim(0));
        run(run, x);
        carryState();
        return run.h[0];
    }

    private void run(Run run, Tensor x) {
        List<String> names = stateNames();
        for (int k = 0; k < names.size(); k++) {
            if (given == null) {
                run.start[k] = run.zeros;
            } else {
                Tensor g = given.get(k);
                if (g.shape().dim(0) != run.batch) {
                    throw new IllegalArgumentException(name + " has an initial state for batches of "
                            + g.shape().dim(0) + " but got a batch of " + run.batch
                            + "; call resetState() or give a state of that size");
                }
                if (run.startCopy[k] == null) {
                    run.startCopy[k] = run.state();
                }
                copy(g, run.startCopy[k]);
                run.start[k] = run.startCopy[k];
            }
        }
        lastRun = run;
        backend.gemm(false, true, 1, x, weightIh.value(), 0, run.p);
        prepareBiases();
        for (int t = 0; t < run.length; t++) {
            forwardStep(run, t);
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        if (last == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
        Run run = last;
        Shape expected = out.batchOf(run.batch);
        if (!gradOutput.shape().equals(expected)) {
            throw new IllegalArgumentException(name + ": the output gradient has shape " + gradOutput.shape()
                    + " but the last training output was " + expected);
        }
        run.backwardBuffers();
        clearStateGradients(run);
        for (int t = run.length - 1; t >= 0; t--) {
            ColumnBlock dy = returnSequences
                    ? new ColumnBlock(gradOutput, t * hidden, hidden)
                    : ColumnBlock.of(t == run.length - 1 ? gradOutput : run.zeros);
            backwardStep(run, t, dy);
            backend.copyBlock(run.hBefore(t), 0, 0, run.hBeforeBySample, 0, t * hidden, run.batch, hidden);
        }
        backend.gemm(true, false, 1, run.recurrentGradient(), run.hBeforeAll, 1, weightHh.gradient());
        backend.gemm(true, false, 1, run.dp, lastInput, 1, weightIh.gradient());
        backend.sum(run.dp, 0, sums);
        addBiasGradients(run);
        lastBackward = run;
        if (!inputGradientNeeded) {
            return null;
        }
        if (run.dx == null) {
            run.dx = run.owned.add(backend.allocate(lastInput.shape(), dtype));
        }
        backend.gemm(false, false, 1, run.dp, weightIh.value(), 0, run.dx);
        return inputGradientView.of(backend, run.dx, in.batchOf(run.batch));
    }

    @Override
    public void initialState(List<Tensor> state) {
        List<String> names = stateNames();
        if (state.size() != names.size()) {
            throw new IllegalArgumentException(
                    name + " has the state " + names + " but " + state.size() + " tensors were given");
        }
        int batch = -1;
        for (int k = 0; k < names.size(); k++) {
            Tensor t = state.get(k);
            Shape s = t.shape();
            if (s.rank() != 2 || s.dim(1) != hidden || t.dtype() != dtype || (batch >= 0 && s.dim(0) != batch)) {
                throw new IllegalArgumentException(name + ": the initial state '" + names.get(k) + "' must be " + dtype
                        + " [batchSize, " + hidden + "] like the others, got " + t.dtype() + " " + s);
            }
            batch = s.dim(0);
        }
        List<Tensor> copies = given(batch);
        for (int k = 0; k < names.size(); k++) {
            copy(state.get(k), copies.get(k));
        }
    }

    @Override
    public void carryState() {
        List<Tensor> fin = finalState();
        List<Tensor> copies = given(fin.get(0).shape().dim(0));
        for (int k = 0; k < fin.size(); k++) {
            copy(fin.get(k), copies.get(k));
        }
    }

    /** The layer's initial-state tensors for {@code batch} samples, reallocated when the batch size changes. */
    private List<Tensor> given(int batch) {
        if (given != null && given.get(0).shape().dim(0) != batch) {
            resetState();
        }
        if (given == null) {
            List<Tensor> made = new ArrayList<>();
            try {
                for (int k = 0; k < stateNames().size(); k++) {
                    made.add(backend.allocate(Shape.matrix(batch, hidden), dtype));
                }
            } catch (RuntimeException e) {
                made.forEach(Tensor::close);
                throw e;
            }
            given = List.copyOf(made);
        }
        return given;
    }

    @Override
    public void resetState() {
        if (given != null) {
            given.forEach(Tensor::close);
            given = null;
        }
    }

    @Override
    public List<Tensor> finalState() {
        if (lastRun == null) {
            throw new IllegalStateException(name + " has no final state: no forward pass or step came first");
        }
        return lastRun.finalState();
    }

    @Override
    public List<Tensor> initialStateGradient() {
        if (lastBackward == null || lastBackward.dh == null) {
            throw new IllegalStateException(name + " has no initial-state gradient: no backward pass came first");
        }
        return lastBackward.startGradient();
    }

    /** Copies all of {@code src} into {@code dst}, both {@code [N, H]}. */
    final void copy(Tensor src, Tensor dst) {
        backend.copyBlock(src, 0, 0, dst, 0, 0, src.shape().dim(0), hidden);
    }

    /**
     * Gate {@code k} of step {@code step} of {@code [N, T·G·H]} (or of one step's {@code [N, G·H]}, or of a bias
     * {@code [G·H]}, step 0).
     */
    final ColumnBlock gate(Tensor steps, int step, int k) {
        return new ColumnBlock(steps, (step * gates + k) * hidden, hidden);
    }

    /**
     * The cell's output blocks {@code outs}, followed by step t of {@code run.y} when the layer returns sequences,
     * which then receives the last expression again: h, written both where the next step reads it and into the
     * layer's output.
     */
    final List<ColumnBlock> withOutput(Run run, int t, List<ColumnBlock> outs) {
        if (run.y == null) {
            return outs;
        }
        List<ColumnBlock> all = new ArrayList<>(outs);
        all.add(new ColumnBlock(run.y, t * hidden, hidden));
        return all;
    }

    /** {@code exprs}, followed by the last of them again when the layer returns sequences ({@link #withOutput}). */
    final List<Expr> withOutput(List<Expr> exprs) {
        if (!returnSequences) {
            return exprs;
        }
        List<Expr> all = new ArrayList<>(exprs);
        all.add(exprs.get(exprs.size() - 1));
        return List.copyOf(all);
    }

    /** Whole tensors as blocks. */
    static List<ColumnBlock> blocks(Tensor... tensors) {
        List<ColumnBlock> list = new ArrayList<>(tensors.length);
        for (Tensor t : tensors) {
            list.add(ColumnBlock.of(t));
        }
        return list;
    }

    /** {@code σ(x) = 1 / (1 + e^-x)}: 0 and 1 at the extremes, never NaN for a number. */
    static Expr sigmoid(Expr x) {
        return x.neg().exp().add(1).recip();
    }

    @Override
    public void close() {
        runs.close();
        stepRuns.close();
        inputView.close();
        inputGradientView.close();
        resetState();
        for (Parameter p : parameters()) {
            p.value().close();
            p.gradient().close();
        }
        sums.close();
        closeCell();
        last = null;
        lastInput = null;
        lastRun = null;
        lastBackward = null;
    }

    /** Closes the subclass's own layer-level tensors. */
    void closeCell() {}
}

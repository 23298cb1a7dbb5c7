package dev.glia.api.spi.lowering;

import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers an {@link Expr} into a {@link Program}: the shared-subexpression pass, the list of inputs read
 * and the broadcast index of each read, written once for every code-generating backend.
 *
 * <p>Nodes are shared by identity first, then by structure (a step equal to an earlier one, over the same
 * temporaries and constants, is that temporary), so the program grows with the distinct nodes of the
 * expression, never with its unfolded tree. Operands come before the step that reads them, left to right;
 * a select's condition before its branches.
 */
public final class Lowering {
    private final Broadcast[] modes;
    private final IdentityHashMap<Expr, Operand> byNode = new IdentityHashMap<>();
    private final Map<Step, Integer> byStep = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Variation> variations = new ArrayList<>();
    private final BitSet readAsValue = new BitSet();
    private final BitSet used = new BitSet();

    private Lowering(Broadcast[] modes) {
        this.modes = modes;
    }

    /**
     * The program computing {@code expr} where input {@code i} broadcasts as {@code modes[i]}. Modes of
     * inputs the expression does not read are ignored and may be null.
     *
     * @throws IllegalArgumentException if an input read has no mode
     */
    public static Program lower(Expr expr, Broadcast[] modes) {
        return lower(List.of(expr), modes);
    }

    /**
     * The program computing every expression of {@code exprs}, one {@linkplain Program#results() result} each,
     * in order, for a kernel with several outputs. Subexpressions common to several expressions are one
     * temporary, computed once per element.
     *
     * @throws IllegalArgumentException if {@code exprs} is empty or an input read has no mode
     */
    public static Program lower(List<Expr> exprs, Broadcast[] modes) {
        if (exprs.isEmpty()) {
            throw new IllegalArgumentException("Nothing to lower: the list of expressions is empty; give at least one");
        }
        Lowering l = new Lowering(modes.clone());
        List<Operand> results = new ArrayList<>(exprs.size());
        for (Expr expr : exprs) {
            Operand result = l.visit(expr);
            l.markValue(result);
            results.add(result);
        }
        boolean[] reads = new boolean[l.used.length()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = l.used.get(i);
        }
        boolean[] values = new boolean[l.steps.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = l.readAsValue.get(i);
        }
        return new Program(l.steps, l.variations, values, results, reads);
    }

    /**
     * Which inputs {@code expr} reads: {@code [i]} for input {@code i}, the array one longer than the highest
     * index read, as {@link Program#usedInputs()} but without broadcast modes. Linear in the distinct nodes.
     */
    public static boolean[] usedInputs(Expr expr) {
        return usedInputs(List.of(expr));
    }

    /** Which inputs any of {@code exprs} reads, as {@link #usedInputs(Expr)}. */
    public static boolean[] usedInputs(List<Expr> exprs) {
        BitSet reads = new BitSet();
        IdentityHashMap<Expr, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Expr> todo = new ArrayDeque<>();
        for (Expr expr : exprs) {
            todo.push(expr);
        }
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (seen.put(e, Boolean.TRUE) != null) {
                continue;
            }
            if (e instanceof Expr.Input in) {
                reads.set(in.index());
            } else if (e instanceof Expr.Unary u) {
                todo.push(u.x());
            } else if (e instanceof Expr.Binary b) {
                todo.push(b.a());
                todo.push(b.b());
            } else if (e instanceof Expr.Where w) {
                todo.push(w.condition());
                todo.push(w.ifTrue());
                todo.push(w.ifFalse());
            }
        }
        boolean[] result = new boolean[reads.length()];
        for (int i = 0; i < result.length; i++) {
            result[i] = reads.get(i);
        }
        return result;
    }

    private Operand visit(Expr e) {
        Operand known = byNode.get(e);
        if (known != null) {
            return known;
        }
        Operand v;
        if (e instanceof Expr.Constant k) {
            v = new Operand.Constant(k.value());
        } else if (e instanceof Expr.Input in) {
            v = add(new Step.Read(in.index(), mode(in.index())));
        } else if (e instanceof Expr.Unary u) {
            v = add(new Step.Unary(u.op(), value(visit(u.x()))));
        } else if (e instanceof Expr.Binary b) {
            Operand a = value(visit(b.a()));
            v = add(new Step.Binary(b.op(), a, value(visit(b.b()))));
        } else if (e instanceof Expr.Where w) {
            Operand c = visit(w.condition());
            Operand t = value(visit(w.ifTrue()));
            v = add(new Step.Select(c, t, value(visit(w.ifFalse()))));
        } else {
            throw new AssertionError("Expr node without a lowering: " + e.getClass());
        }
        byNode.put(e, v);
        return v;
    }

    private Broadcast mode(int input) {
        Broadcast m = input < modes.length ? modes[input] : null;
        if (m == null) {
            throw new IllegalArgumentException("The expression reads input " + input + " but no broadcast mode was"
                    + " given for it (" + modes.length + " modes); give one mode per input read");
        }
        return m;
    }

    /** Marks {@code o} as read as a number and returns it. */
    private Operand value(Operand o) {
        markValue(o);
        return o;
    }

    private void markValue(Operand o) {
        if (o instanceof Operand.Temp t) {
            readAsValue.set(t.index());
        }
    }

    /** The temporary computing {@code step}: an earlier equal one, or a new one. */
    private Operand add(Step step) {
        Integer known = byStep.get(step);
        if (known != null) {
            return new Operand.Temp(known);
        }
        int index = steps.size();
        steps.add(step);
        variations.add(variationOf(step));
        byStep.put(step, index);
        if (step instanceof Step.Read r) {
            used.set(r.input());
        }
        return new Operand.Temp(index);
    }

    private Variation variationOf(Step step) {
        return step.accept(new Step.Visitor<>() {
            @Override
            public Variation read(Step.Read read) {
                return Variation.of(read.mode());
            }

            @Override
            public Variation unary(Step.Unary unary) {
                return of(unary.x());
            }

            @Override
            public Variation binary(Step.Binary binary) {
                return of(binary.a()).and(of(binary.b()));
            }

            @Override
            public Variation select(Step.Select select) {
                return of(select.condition()).and(of(select.ifTrue())).and(of(select.ifFalse()));
            }

            private Variation of(Operand o) {
                return o instanceof Operand.Temp t ? variations.get(t.index()) : Variation.ONCE;
            }
        });
    }
}

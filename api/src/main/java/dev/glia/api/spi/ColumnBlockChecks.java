package dev.glia.api.spi;

import dev.glia.api.ColumnBlock;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The argument checks of {@link dev.glia.api.Backend#elementwiseColumns}, worded like {@link OpChecks}'s: one
 * expression per output block, blocks of one size (an input may have one row), one float dtype, enough inputs,
 * and no overlap between blocks of one memory other than an input that is exactly an output.
 */
final class ColumnBlockChecks {
    private static final String OP = "elementwiseColumns";

    private ColumnBlockChecks() {}

    /** Checks the call; the tensors are known to be open and the backend's. */
    static void check(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        if (exprs.isEmpty() || exprs.size() != outs.size()) {
            throw new IllegalArgumentException(OP + ": " + exprs.size() + " expressions but " + outs.size()
                    + " output blocks were given; give exactly one output block per expression, at least one");
        }
        int needed = 0;
        for (int j = 0; j < exprs.size(); j++) {
            needed = Math.max(
                    needed,
                    Objects.requireNonNull(exprs.get(j), OP + ": expression " + j + " is null")
                            .inputCount());
        }
        if (inputs.size() < needed) {
            throw new IllegalArgumentException(
                    OP + ": the expressions read " + needed + " inputs but " + inputs.size() + " were given");
        }
        ColumnBlock first = outs.get(0);
        int rows = first.rows();
        int width = first.width();
        List<Tensor> all = new ArrayList<>();
        for (int j = 0; j < outs.size(); j++) {
            ColumnBlock out = outs.get(j);
            if (out.rows() != rows || out.width() != width) {
                throw new IllegalArgumentException(OP + ": output block " + j + " is " + out.rows() + "x"
                        + out.width() + " (" + out + ") but output block 0 is " + rows + "x" + width + " (" + first
                        + "); every output block must have the same rows and width");
            }
            all.add(out.tensor());
        }
        for (int i = 0; i < inputs.size(); i++) {
            ColumnBlock in = inputs.get(i);
            if (in.width() != width || (in.rows() != rows && in.rows() != 1)) {
                throw new IllegalArgumentException(OP + ": input block " + i + " is " + in.rows() + "x" + in.width()
                        + " (" + in + ") but the output blocks are " + rows + "x" + width + "; expected " + rows + "x"
                        + width + ", or 1x" + width + " to broadcast down the rows");
            }
            all.add(in.tensor());
        }
        for (Tensor t : all) {
            if (t.dtype() != first.tensor().dtype()) {
                OpChecks.sameDType(OP, all.toArray(Tensor[]::new));
            }
        }
        OpChecks.floatingPoint(OP, first.tensor());
        for (int j = 0; j < outs.size(); j++) {
            for (int k = 0; k < j; k++) {
                if (overlap(outs.get(k), outs.get(j))) {
                    throw new IllegalArgumentException(OP + ": output blocks " + k + " (" + outs.get(k) + ") and " + j
                            + " (" + outs.get(j) + ") share elements of one memory; give each expression a block"
                            + " of its own");
                }
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            ColumnBlock in = inputs.get(i);
            for (int j = 0; j < outs.size(); j++) {
                if (overlap(in, outs.get(j)) && !sameElements(in, outs.get(j))) {
                    throw new IllegalArgumentException(OP + ": input block " + i + " (" + in + ") overlaps output"
                            + " block " + j + " (" + outs.get(j) + ") of one memory without being the same elements;"
                            + " an input may only be an output exactly (in place): copy it through a temporary");
                }
            }
        }
    }

    /** Whether the blocks are the same elements of one memory, in the same order. */
    private static boolean sameElements(ColumnBlock a, ColumnBlock b) {
        return RegionChecks.sameMemory(a.tensor(), b.tensor())
                && a.rows() == b.rows()
                && a.column() == b.column()
                && a.width() == b.width()
                && (a.rows() == 1
                        || a.tensor().shape().columns() == b.tensor().shape().columns());
    }

    /**
     * Whether two blocks of one width share an element of one memory ({@link RegionChecks#overlap}, with each block's
     * own rows and stride).
     */
    static boolean overlap(ColumnBlock a, ColumnBlock b) {
        return RegionChecks.sameMemory(a.tensor(), b.tensor())
                && RegionChecks.overlap(
                        0,
                        a.column(),
                        a.tensor().shape().columns(),
                        a.rows(),
                        0,
                        b.column(),
                        b.tensor().shape().columns(),
                        b.rows(),
                        a.width());
    }
}

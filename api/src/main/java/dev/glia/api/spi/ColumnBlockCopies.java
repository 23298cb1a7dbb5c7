package dev.glia.api.spi;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AbstractBackend}'s default {@link Backend#elementwiseColumns}, for checked blocks: each input block that is
 * not all of its tensor is copied into a temporary tensor, the tensor form runs into temporary outputs, and these are
 * copied into the output blocks. Every input is read before any output block is written, so an output block may be an
 * input block.
 */
final class ColumnBlockCopies {
    private ColumnBlockCopies() {}

    static void run(Backend backend, List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        ColumnBlock first = outs.get(0);
        int rows = first.rows();
        int width = first.width();
        DType dtype = first.tensor().dtype();
        List<Tensor> temporaries = new ArrayList<>();
        try {
            Tensor[] in = new Tensor[inputs.size()];
            for (int i = 0; i < in.length; i++) {
                ColumnBlock block = inputs.get(i);
                if (block.isWhole()) {
                    in[i] = block.tensor();
                } else {
                    Tensor copy = backend.allocate(Shape.matrix(block.rows(), block.width()), dtype);
                    temporaries.add(copy);
                    backend.copyBlock(block.tensor(), 0, block.column(), copy, 0, 0, block.rows(), block.width());
                    in[i] = copy;
                }
            }
            List<Tensor> results = new ArrayList<>(outs.size());
            for (int j = 0; j < outs.size(); j++) {
                Tensor result = backend.allocate(Shape.matrix(rows, width), dtype);
                temporaries.add(result);
                results.add(result);
            }
            backend.elementwise(exprs, results, in);
            for (int j = 0; j < outs.size(); j++) {
                ColumnBlock out = outs.get(j);
                backend.copyBlock(results.get(j), 0, 0, out.tensor(), 0, out.column(), rows, width);
            }
        } finally {
            temporaries.forEach(Tensor::close);
        }
    }
}

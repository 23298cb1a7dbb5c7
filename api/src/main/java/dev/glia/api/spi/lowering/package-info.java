/**
 * The one lowering of an element-wise {@link dev.glia.api.expr.Expr} into a small, dialect-neutral
 * {@link dev.glia.api.spi.lowering.Program}: numbered temporaries in evaluation order, each a primitive
 * applied to earlier temporaries or constants, or an input read at its broadcast index. Shared
 * subexpressions appear once, and the program lists the inputs it reads. Each backend that generates
 * code (Java source, OpenCL C) is then a table of spellings over the {@link dev.glia.api.spi.lowering.Step}s;
 * {@link dev.glia.api.spi.lowering.Step.Visitor} and the switch expressions over
 * {@link dev.glia.api.expr.UnaryOp} and {@link dev.glia.api.expr.BinaryOp} make a new primitive a compile
 * error until every dialect spells it.
 */
package dev.glia.api.spi.lowering;

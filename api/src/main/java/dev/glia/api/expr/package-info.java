/**
 * The element-wise expression IR: {@link dev.glia.api.expr.Expr} trees over a fixed set of
 * primitives, their symbolic {@link dev.glia.api.expr.Derivatives}, a simplifier and the float64
 * interpreter that specifies what every backend computes.
 */
package dev.glia.api.expr;

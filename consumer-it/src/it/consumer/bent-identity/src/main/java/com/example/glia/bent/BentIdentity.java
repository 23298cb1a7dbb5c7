package com.example.glia.bent;

import dev.glia.api.ElementwiseActivation;
import dev.glia.api.expr.Expr;

/** The bent identity, (sqrt(x^2 + 1) - 1) / 2 + x: an activation that Glia does not ship. */
public final class BentIdentity implements ElementwiseActivation {
    /** The id a network names it by. */
    public static final String ID = "bent_identity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Expr apply(Expr x) {
        return x.mul(x).add(1).sqrt().sub(1).div(2).add(x);
    }
}

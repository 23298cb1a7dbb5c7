package dev.glia.core.internal;

import dev.glia.api.Activation;
import dev.glia.api.Layer;
import dev.glia.api.Parameter;

/**
 * A layer computing {@code f(x W + b)}: what {@code Network.foldAffine()} merges when {@code f} is the
 * identity, since {@code (x W1 + b1) W2 + b2 = x (W1 W2) + (b1 W2 + b2)}.
 */
public interface AffineLayer extends Layer {
    /** W, [inputs, units]. */
    Parameter weight();

    /** b, [units]. */
    Parameter bias();

    /** f. */
    Activation activation();
}

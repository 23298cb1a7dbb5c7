package dev.glia.core.activations;

import dev.glia.api.Activation;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The activations a network can name: the built-ins plus plugins. Immutable; ids are unique.
 *
 * <pre>{@code
 * Activations all = Activations.discover();            // built-ins + META-INF/services plugins
 * Activation relu = all.get("relu");
 * Activation square = Activations.of("square", x -> x.mul(x)); // a one-liner activation
 * }</pre>
 */
public final class Activations {
    private static final Expr ZERO = Expr.constant(0);

    private final Map<String, Activation> byId;

    private Activations(Map<String, Activation> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** An element-wise activation from a formula; its derivative is derived symbolically. */
    public static ElementwiseActivation of(String id, UnaryOperator<Expr> formula) {
        return new ExprActivation(id, formula, null);
    }

    /** The identity: {@code f(x) = x}. Layers joined only by it collapse into one affine map. */
    public static ElementwiseActivation identity() {
        return new ExprActivation("identity", x -> x, (x, y) -> Expr.constant(1));
    }

    /** {@code max(x, 0)}; derivative 1 above 0, else 0. */
    public static ElementwiseActivation relu() {
        return new ExprActivation("relu", x -> x.max(ZERO), (x, y) -> x.gt(ZERO));
    }

    /** {@code 1 / (1 + e^-x)}; derivative {@code y (1 - y)}. */
    public static ElementwiseActivation sigmoid() {
        return new ExprActivation("sigmoid", x -> x.neg().exp().add(1).recip(),
                (x, y) -> y.mul(Expr.constant(1).sub(y)));
    }

    /** Hyperbolic tangent; derivative {@code 1 - y²}. */
    public static ElementwiseActivation tanh() {
        return new ExprActivation("tanh", Expr::tanh, (x, y) -> Expr.constant(1).sub(y.mul(y)));
    }

    /** Softmax over each row (not element-wise: it uses reductions). */
    public static Activation softmax() {
        return new Softmax();
    }

    /** The built-in activations. */
    public static List<Activation> builtIns() {
        return List.of(identity(), relu(), sigmoid(), tanh(), softmax());
    }

    /** The built-ins plus every plugin listed in {@code META-INF/services/dev.glia.api.Activation}. */
    public static Activations discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Like {@link #discover()}, searching {@code loader}. */
    public static Activations discover(ClassLoader loader) {
        List<Activation> all = new ArrayList<>(builtIns());
        ServiceLoader.load(Activation.class, loader).forEach(all::add);
        return of(all);
    }

    /**
     * These activations. Two with one id fail, naming both classes.
     */
    public static Activations of(Collection<? extends Activation> activations) {
        Map<String, Activation> byId = new LinkedHashMap<>();
        for (Activation a : activations) {
            Activation previous = byId.putIfAbsent(a.id(), a);
            if (previous != null && previous != a) {
                throw new IllegalStateException("Two activations share the id '" + a.id() + "': "
                        + previous.getClass().getName() + " and " + a.getClass().getName()
                        + ". Ids must be unique; remove one plugin jar or rename one activation.");
            }
        }
        return new Activations(byId);
    }

    /** These activations plus {@code more}, under the same uniqueness rule. */
    public Activations with(Collection<? extends Activation> more) {
        List<Activation> all = new ArrayList<>(byId.values());
        all.addAll(more);
        return of(all);
    }

    /**
     * The activation with this id. An unknown id fails with the ids present and a hint to add the
     * plugin's jar.
     */
    public Activation get(String id) {
        Activation a = byId.get(id);
        if (a == null) {
            throw new IllegalArgumentException("Unknown activation '" + id + "'. Available: " + ids()
                    + ". If it comes from a plugin, put the plugin's jar on the class path; it must list its class in"
                    + " META-INF/services/dev.glia.api.Activation.");
        }
        return a;
    }

    /** Whether an activation has this id. */
    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Every id, sorted. */
    public Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }

    /** Every activation, in registration order (built-ins first). */
    public Collection<Activation> all() {
        return byId.values();
    }
}

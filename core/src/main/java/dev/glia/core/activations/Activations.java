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
 * The activations a network can name: the built-in catalogue plus plugins. Immutable.
 *
 * <p>Built-ins with parameters are named with them, {@code leaky_relu(alpha=0.2)}; the bare name
 * {@code leaky_relu} means the defaults. That full id is what model files store.
 *
 * <pre>{@code
 * Activations all = Activations.discover();                 // built-ins + META-INF/services plugins
 * Activation relu = all.get("relu");
 * Activation leaky = all.get("leaky_relu(alpha=0.2)");
 * ElementwiseActivation square = Activations.of("square", x -> x.mul(x));   // a one-liner
 * }</pre>
 */
public final class Activations {
    private static final List<ActivationFamily> CATALOGUE = Catalogue.families();

    private final Map<String, ActivationFamily> families;
    private final Map<String, Activation> byId;

    private Activations(Map<String, ActivationFamily> families, Map<String, Activation> byId) {
        this.families = Collections.unmodifiableMap(families);
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** An element-wise activation from a formula; its derivative is derived symbolically. */
    public static ElementwiseActivation of(String id, UnaryOperator<Expr> formula) {
        return new ExprActivation(id, formula, null);
    }

    /** The identity: {@code f(x) = x}. Layers joined only by it collapse into one affine map. */
    public static ElementwiseActivation identity() {
        return (ElementwiseActivation) builtIn("identity");
    }

    /** {@code max(x, 0)}; derivative 1 above 0, else 0. */
    public static ElementwiseActivation relu() {
        return (ElementwiseActivation) builtIn("relu");
    }

    /** {@code 1 / (1 + e^-x)}; derivative {@code y (1 - y)}. */
    public static ElementwiseActivation sigmoid() {
        return (ElementwiseActivation) builtIn("sigmoid");
    }

    /** Hyperbolic tangent; derivative {@code 1 - y²}. */
    public static ElementwiseActivation tanh() {
        return (ElementwiseActivation) builtIn("tanh");
    }

    /** Softmax over each row (not element-wise: it uses reductions). */
    public static Activation softmax() {
        return builtIn("softmax");
    }

    private static Activation builtIn(String name) {
        for (ActivationFamily f : CATALOGUE) {
            if (f.name().equals(name)) {
                return f.withDefaults();
            }
        }
        throw new AssertionError("no built-in " + name);
    }

    /** Every built-in activation with its default parameters, in catalogue order. */
    public static List<Activation> builtIns() {
        return Catalogue.defaults();
    }

    /** The built-ins alone, without plugins. */
    public static Activations catalogue() {
        Map<String, ActivationFamily> families = new LinkedHashMap<>();
        CATALOGUE.forEach(f -> families.put(f.name(), f));
        return new Activations(families, new LinkedHashMap<>());
    }

    /** The built-ins plus every plugin listed in {@code META-INF/services/dev.glia.api.Activation}. */
    public static Activations discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Like {@link #discover()}, searching {@code loader}. */
    public static Activations discover(ClassLoader loader) {
        List<Activation> plugins = new ArrayList<>();
        ServiceLoader.load(Activation.class, loader).forEach(plugins::add);
        return catalogue().with(plugins);
    }

    /**
     * The built-ins plus these activations. An id used twice, or a plugin id equal to a built-in's
     * name, fails naming both classes.
     */
    public static Activations of(Collection<? extends Activation> activations) {
        return catalogue().with(activations);
    }

    /** These activations plus {@code more}, under the same uniqueness rule. */
    public Activations with(Collection<? extends Activation> more) {
        Map<String, Activation> ids = new LinkedHashMap<>(byId);
        for (Activation a : more) {
            String name = ActivationFamily.parse(a.id()).getKey();
            ActivationFamily family = families.get(name);
            if (family != null) {
                throw new IllegalStateException("Two activations share the id '" + a.id() + "': the built-in "
                        + family.withDefaults().getClass().getName() + " and " + describe(a)
                        + ". Ids must be unique; rename the plugin's activation.");
            }
            Activation previous = ids.putIfAbsent(a.id(), a);
            if (previous != null && previous != a) {
                throw new IllegalStateException("Two activations share the id '" + a.id() + "': "
                        + describe(previous) + " and " + describe(a)
                        + ". Ids must be unique; remove one plugin jar or rename one activation.");
            }
        }
        return new Activations(families, ids);
    }

    /**
     * The activation with this id: a plugin's id, or a built-in's name with optional parameters. An
     * unknown id fails with the ids present and a hint to add the plugin's jar. A built-in's parameters must each
     * appear once, as plain decimal numbers within float32's finite range ({@code ±3.4028235e38}); NaN, an
     * infinity or a value beyond that range fails naming the parameter, the allowed range and the value.
     *
     * @throws IllegalArgumentException for an unknown id, an unknown or repeated parameter, or a parameter value
     *                                  that is not finite or out of range
     */
    public Activation get(String id) {
        Activation plugin = byId.get(id);
        if (plugin != null) {
            return plugin;
        }
        Map.Entry<String, Map<String, Double>> parsed = ActivationFamily.parse(id);
        ActivationFamily family = families.get(parsed.getKey());
        if (family == null) {
            throw new IllegalArgumentException("Unknown activation '" + id + "'. Available: " + ids()
                    + ". If it comes from a plugin, put the plugin's jar on the class path; it must list its class in"
                    + " META-INF/services/dev.glia.api.Activation.");
        }
        return family.with(parsed.getValue());
    }

    /** Whether {@link #get} knows this id. */
    public boolean contains(String id) {
        try {
            get(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Every id, with default parameters shown for built-ins ({@code leaky_relu(alpha=0.01)}), sorted. */
    public Set<String> ids() {
        Set<String> ids = new TreeSet<>(byId.keySet());
        families.values().forEach(f -> ids.add(f.signature()));
        return ids;
    }

    /** Every activation: built-ins with their defaults, then plugins. */
    public List<Activation> all() {
        List<Activation> all = new ArrayList<>();
        families.values().forEach(f -> all.add(f.withDefaults()));
        all.addAll(byId.values());
        return all;
    }

    /**
     * Where an activation comes from: {@code built in} for the catalogue, else the jar (or class
     * directory) that holds the plugin's class; for a one-liner made with {@link #of(String, UnaryOperator)},
     * the jar of the code that wrote the formula.
     */
    public static String origin(Activation activation) {
        return isBuiltIn(activation) ? "built in" : Origins.of(definingClass(activation));
    }

    /** Whether this activation is one of the catalogue's, rather than a plugin or a one-liner. */
    public static boolean isBuiltIn(Activation activation) {
        Class<?> type = definingClass(activation);
        // a lambda's class is a nestmate of the class that wrote it
        return type.getNestHost() == Catalogue.class || type == Softmax.class || type == LogSoftmax.class;
    }

    /** The class whose code defines the activation: a one-liner's formula, else the activation's class. */
    private static Class<?> definingClass(Activation a) {
        return a instanceof ExprActivation e ? e.formulaClass() : a.getClass();
    }

    private static String describe(Activation a) {
        return a.getClass().getName() + " (from " + Origins.of(definingClass(a)) + ")";
    }

    /** The plugins alone (everything that is not built in). */
    public Collection<Activation> plugins() {
        return Collections.unmodifiableCollection(byId.values());
    }
}

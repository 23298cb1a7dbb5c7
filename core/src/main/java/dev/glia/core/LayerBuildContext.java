package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.LayerContext;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.spi.OpChecks;
import dev.glia.core.activations.Activations;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link LayerContext} of one layer being built: new tensors get a draw from the network's random, or the
 * saved values when there are some. Sizes are checked against the backend's largest tensor and the heap the
 * draw needs before anything is allocated, and every failure names the layer's position and the tensor.
 */
final class LayerBuildContext implements LayerContext {
    private final Backend backend;
    private final DType dtype;
    private final int position;
    private final Random random;
    private final Supplier<Activations> activations;
    private final Map<String, TensorValues> saved;
    private final Set<String> used = new HashSet<>();
    private String layerName;

    /** {@code saved} is null for a new layer. */
    LayerBuildContext(
            Backend backend,
            DType dtype,
            int position,
            Random random,
            Supplier<Activations> activations,
            Map<String, TensorValues> saved) {
        this.backend = backend;
        this.dtype = dtype;
        this.position = position;
        this.random = random;
        this.activations = activations;
        this.saved = saved;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public String layerName(String kind) {
        layerName = kind + " #" + position;
        return layerName;
    }

    @Override
    public long seed() {
        return random.nextLong();
    }

    @Override
    public Activation activation(String id) {
        return activations.get().get(id);
    }

    @Override
    public Tensor tensor(String name, Shape shape, Initial initial) {
        String what = (layerName != null ? layerName : "layer " + position) + "'s " + name;
        if (!used.add(name)) {
            throw new IllegalStateException(what + " was asked for twice; a layer's tensor names are unique");
        }
        double[] values;
        if (saved != null) {
            TensorValues v = saved.get(name);
            if (v == null) {
                throw new IllegalArgumentException(
                        what + " " + shape + " is missing from the saved values, which hold " + saved.keySet());
            }
            if (!v.shape().equals(shape)) {
                throw new IllegalArgumentException(
                        what + " is " + v.shape() + " in the saved values but the layer needs " + shape);
            }
            values = v.values();
        } else {
            OpChecks.fits(backend, shape, dtype, what, OpChecks.MEMORY_ADVICE);
            fitsOnTheHeap(what, shape);
            try {
                values = initial.values(shape, random);
            } catch (OutOfMemoryError e) {
                long bytes = 8L * shape.size();
                throw new TensorAllocationException(
                        what + " " + shape + ": out of Java heap drawing its initial values" + " as float64 ("
                                + TensorAllocationException.size(bytes) + "); " + OpChecks.MEMORY_ADVICE,
                        shape,
                        DType.FLOAT64,
                        bytes,
                        Runtime.getRuntime().maxMemory(),
                        e);
            }
            if (values.length != shape.size()) {
                throw new IllegalArgumentException(
                        what + " " + shape + " needs " + shape.size() + " initial values, got " + values.length);
            }
        }
        Tensor t;
        try {
            t = backend.allocate(shape, dtype);
        } catch (TensorAllocationException e) {
            String m = e.getMessage();
            throw new TensorAllocationException(
                    what + " " + shape + ": " + Character.toLowerCase(m.charAt(0)) + m.substring(1),
                    e.shape(),
                    e.dtype(),
                    e.bytes(),
                    e.limit(),
                    e);
        }
        try {
            backend.write(t, values);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Fails when saved values were given that the layer did not ask for (a file naming a tensor no layer uses). */
    void checkAllSavedUsed(String layer) {
        if (saved != null && !used.containsAll(saved.keySet())) {
            Set<String> unused = new HashSet<>(saved.keySet());
            unused.removeAll(used);
            throw new IllegalArgumentException(
                    layer + " does not use the saved tensors " + unused + "; it has " + used);
        }
    }

    /** Initial values are drawn as a {@code double[]} on the Java heap: they must fit there. */
    private static void fitsOnTheHeap(String what, Shape shape) {
        long bytes = 8L * shape.size();
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new TensorAllocationException(
                    what + " " + shape + ": its initial values are drawn as float64 on"
                            + " the Java heap, " + TensorAllocationException.size(bytes)
                            + ", more than the heap's maximum of "
                            + TensorAllocationException.size(heap) + "; " + OpChecks.MEMORY_ADVICE,
                    shape,
                    DType.FLOAT64,
                    bytes,
                    heap,
                    null);
        }
    }
}

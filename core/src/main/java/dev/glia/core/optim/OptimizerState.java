package dev.glia.core.optim;

import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A copy of a built-in optimiser's state (momentum, Adam's moments and step count) for the parameters it
 * updates, taken off the backend so that a checkpoint can store it and a resumed run continue exactly where
 * the state was taken: restored into a new optimiser with the same settings, the next step is the one the
 * original would have taken. Values are held as float64, so FLOAT64 networks lose nothing.
 */
public final class OptimizerState {
    private static final int MAGIC = 0x474c4f53; // "GLOS"
    private static final int MAX_ID_BYTES = 1 << 16;

    private final String optimizerId;
    private final long steps;
    private final double[] values;

    private OptimizerState(String optimizerId, long steps, double[] values) {
        this.optimizerId = optimizerId;
        this.steps = steps;
        this.values = values;
    }

    /**
     * The state of {@code optimizer} for {@code parameters} (zeros for a parameter it has not stepped yet).
     *
     * @throws IllegalArgumentException if the optimiser is not one of {@link Optimizers}'
     */
    public static OptimizerState export(Optimizer optimizer, List<Parameter> parameters) {
        StatefulOptimizer o = builtIn(optimizer);
        double[] all = new double[Math.toIntExact(stateSize(o, parameters))];
        int at = 0;
        for (Parameter p : parameters) {
            for (Tensor t : o.state(p)) {
                int n = t.shape().size();
                double[] part = new double[n];
                t.backend().download(t, part);
                System.arraycopy(part, 0, all, at, n);
                at += n;
            }
        }
        return new OptimizerState(optimizer.id(), o.steps(), all);
    }

    /**
     * Writes this state into {@code optimizer} for {@code parameters}, the same parameters in the same order as
     * when it was exported.
     *
     * @throws IllegalArgumentException if the optimiser's settings or the parameters' sizes differ
     */
    public void restore(Optimizer optimizer, List<Parameter> parameters) {
        StatefulOptimizer o = builtIn(optimizer);
        if (!o.id().equals(optimizerId)) {
            throw new IllegalArgumentException("The optimiser state was taken from " + optimizerId
                    + " but is being restored into " + o.id() + "; build the optimiser with the same settings");
        }
        long size = stateSize(o, parameters);
        if (size != values.length) {
            throw new IllegalArgumentException("The optimiser state holds " + values.length
                    + " values but these parameters need " + size + "; was it taken from another network?");
        }
        int at = 0;
        for (Parameter p : parameters) {
            for (Tensor t : o.state(p)) {
                int n = t.shape().size();
                double[] part = new double[n];
                System.arraycopy(values, at, part, 0, n);
                t.backend().write(t, part);
                at += n;
            }
        }
        o.steps(steps);
    }

    /** The id of the optimiser it was taken from, e.g. {@code adam(lr=0.001, ...)}. */
    public String optimizerId() {
        return optimizerId;
    }

    /** The number of steps the optimiser had taken (counted by Adam; 0 for SGD). */
    public long steps() {
        return steps;
    }

    /** The bytes of this state: a small header and the values, for a checkpoint file. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(optimizerId);
            out.writeLong(steps);
            out.writeInt(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the bytes {@link #toBytes} wrote.
     *
     * @throws IllegalArgumentException if they are not an optimiser state, or are cut short
     */
    public static OptimizerState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("These " + bytes.length
                        + " bytes are not a Glia optimiser state (no GLOS header); was another file given?");
            }
            String id = in.readUTF();
            long steps = in.readLong();
            int n = in.readInt();
            if (n < 0 || (long) n * Double.BYTES > bytes.length) {
                throw new IllegalArgumentException("The optimiser state claims " + n + " values but holds only "
                        + bytes.length + " bytes; the file is damaged");
            }
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = in.readDouble();
            }
            if (id.length() > MAX_ID_BYTES) {
                throw new IllegalArgumentException("The optimiser state's id is implausibly long; the file is damaged");
            }
            return new OptimizerState(id, steps, values);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "The optimiser state of " + bytes.length + " bytes ends early (" + e + "); the file is damaged", e);
        }
    }

    private static long stateSize(StatefulOptimizer o, List<Parameter> parameters) {
        long size = 0;
        for (Parameter p : parameters) {
            size += (long) p.value().shape().size() * o.slots();
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("An optimiser state of " + size + " values does not fit one array");
        }
        return size;
    }

    private static StatefulOptimizer builtIn(Optimizer optimizer) {
        if (optimizer instanceof StatefulOptimizer s) {
            return s;
        }
        throw new IllegalArgumentException("Only the optimisers of Optimizers can export and restore their state, but "
                + optimizer.id() + " is " + optimizer.getClass().getName());
    }
}

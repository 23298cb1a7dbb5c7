package dev.glia.spark;

import dev.glia.core.Network;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/** Features out of DataFrame rows, the schema the classifier adds, and predictions for a partition of rows. */
final class RowFeatures {
    private static final int BATCH = 256;

    private RowFeatures() {}

    /** Checks that {@code column} is a vector or a numeric array; names what it found otherwise. */
    static void checkFeatures(StructType schema, String column) {
        DataType type = field(schema, column).dataType();
        boolean ok = type.equals(SQLDataTypes.VectorType())
                || (type instanceof ArrayType a && a.elementType() instanceof NumericType);
        if (!ok) {
            throw new IllegalArgumentException("The features column '" + column
                    + "' must hold a Vector or an array of numbers, but it holds " + type.simpleString());
        }
    }

    /** Checks that {@code column} is numeric (class indices 0, 1, ...). */
    static void checkLabel(StructType schema, String column) {
        DataType type = field(schema, column).dataType();
        if (!(type instanceof NumericType)) {
            throw new IllegalArgumentException("The label column '" + column
                    + "' must hold class indices 0, 1, 2, ... as numbers, but it holds " + type.simpleString());
        }
    }

    private static StructField field(StructType schema, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("The DataFrame has no column '" + column + "'; its columns are "
                + String.join(", ", schema.fieldNames()));
    }

    /** {@code schema} with the prediction (double) and probability (vector) columns. */
    static StructType withOutputs(StructType schema, String prediction, String probability) {
        for (String c : List.of(prediction, probability)) {
            if (List.of(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException(
                        "The DataFrame already has a column '" + c + "'; set another output column name");
            }
        }
        return schema.add(prediction, DataTypes.DoubleType, false).add(probability, SQLDataTypes.VectorType(), false);
    }

    /** The features of {@code row} at {@code index}: a Vector or an array of numbers. */
    static float[] features(Row row, int index) {
        Object v = row.get(index);
        if (v instanceof Vector vector) {
            double[] d = vector.toArray();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        List<Object> list = row.getList(index);
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }

    /**
     * The rows with their predicted class and class probabilities appended, computed lazily batch by batch on a
     * network borrowed for the task and given back when the task ends (also when a consumer stops early).
     */
    static Iterator<Row> predict(Iterator<Row> rows, int featuresIndex, String modelKey, byte[] modelFile) {
        WorkerNetworks.Worker worker = WorkerNetworks.borrow(modelKey, modelFile);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) done -> worker.close());
        }
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private boolean closed;

            @Override
            public boolean hasNext() {
                fill();
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                fill();
                if (ready.isEmpty()) {
                    throw new NoSuchElementException("no more rows");
                }
                return ready.poll();
            }

            private void fill() {
                if (!ready.isEmpty() || closed) {
                    return;
                }
                List<Row> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && rows.hasNext()) {
                    batch.add(rows.next());
                }
                if (!batch.isEmpty()) {
                    predictBatch(worker.network(), batch, featuresIndex, ready);
                }
                if (!rows.hasNext() && task == null) {
                    closed = true;
                    worker.close();
                }
                closed |= batch.isEmpty();
            }
        };
    }

    private static void predictBatch(Network net, List<Row> batch, int featuresIndex, Collection<Row> out) {
        float[][] x = new float[batch.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(batch.get(i), featuresIndex);
            if (x[i].length != net.inputWidth()) {
                throw new IllegalArgumentException(
                        "The model takes " + net.inputWidth() + " features per row, but a row holds " + x[i].length);
            }
        }
        float[][] p = net.predict(x);
        for (int i = 0; i < x.length; i++) {
            Row row = batch.get(i);
            Object[] values = new Object[row.length() + 2];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            double[] probabilities = new double[p[i].length];
            int best = 0;
            for (int c = 0; c < probabilities.length; c++) {
                probabilities[c] = p[i][c];
                best = p[i][c] > p[i][best] ? c : best;
            }
            values[row.length()] = (double) best;
            values[row.length() + 1] = Vectors.dense(probabilities);
            out.add(RowFactory.create(values));
        }
    }
}

package dev.glia.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The transformer a {@link GliaClassifier} yields: it appends the predicted class index (a double) and the class
 * probabilities (a {@code Vector}) to each row. Each executor loads the Glia model file once per JVM on its
 * configured backend. Saved with {@code write().save(path)} (Spark ML's metadata plus {@code model.glia}, the
 * Glia model file, which {@code ./glia} and {@code ModelFile.load} also read) and loaded with
 * {@link #load(String)}, alone or inside a {@code PipelineModel}.
 */
public final class GliaClassificationModel extends Model<GliaClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    static final String MODEL_FILE = "model.glia";

    private final String uid;
    private final byte[] modelFile;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntParam numClasses;

    GliaClassificationModel(String uid, byte[] modelFile, int classes) {
        this.uid = uid;
        this.modelFile = modelFile;
        featuresCol = new Param<>(this, "featuresCol", "features column: a Vector or an array of numbers");
        predictionCol = new Param<>(this, "predictionCol", "output column of the predicted class index");
        probabilityCol = new Param<>(this, "probabilityCol", "output column of the class probabilities");
        numClasses = new IntParam(this, "numClasses", "number of classes");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        set(numClasses, classes);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The features column parameter. */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** The prediction column parameter. */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** The probability column parameter. */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** The number of classes parameter. */
    public IntParam numClasses() {
        return numClasses;
    }

    /** Sets the features column. */
    public GliaClassificationModel setFeaturesCol(String column) {
        set(featuresCol, column);
        return this;
    }

    /** Sets the prediction column. */
    public GliaClassificationModel setPredictionCol(String column) {
        set(predictionCol, column);
        return this;
    }

    /** Sets the probability column. */
    public GliaClassificationModel setProbabilityCol(String column) {
        set(probabilityCol, column);
        return this;
    }

    /** A copy of the Glia model file's bytes. */
    public byte[] modelFile() {
        return modelFile.clone();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        RowFeatures.checkFeatures(schema, getOrDefault(featuresCol));
        return RowFeatures.withOutputs(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        int index = dataset.schema().fieldIndex(getOrDefault(featuresCol));
        byte[] model = modelFile;
        String key = "model-" + uid + "-" + Arrays.hashCode(model);
        return dataset.toDF()
                .mapPartitions(
                        (MapPartitionsFunction<Row, Row>) rows -> RowFeatures.predict(rows, index, key, model),
                        Encoders.row(out));
    }

    @Override
    public GliaClassificationModel copy(ParamMap extra) {
        GliaClassificationModel copy = new GliaClassificationModel(uid, modelFile, (Integer) getOrDefault(numClasses));
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** The reader {@code PipelineModel.load} finds by reflection. */
    public static MLReader<GliaClassificationModel> read() {
        return new Reader();
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static GliaClassificationModel load(String path) {
        return read().load(path);
    }

    /** Spark ML's metadata (class, uid, parameters) and the Glia model file beside it. */
    private static final class Writer extends MLWriter {
        private final GliaClassificationModel model;

        Writer(GliaClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            Path file = new Path(path, MODEL_FILE);
            try (OutputStream out =
                    file.getFileSystem(sc().hadoopConfiguration()).create(file, true)) {
                out.write(model.modelFile);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the Glia model file " + file, e);
            }
        }
    }

    /** Reads what {@link Writer} wrote. */
    private static final class Reader extends MLReader<GliaClassificationModel> {
        @Override
        public GliaClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata =
                    DefaultParamsReader.loadMetadata(path, sparkSession(), GliaClassificationModel.class.getName());
            Path file = new Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the Glia model file " + file, e);
            }
            GliaClassificationModel model = new GliaClassificationModel(metadata.uid(), bytes, 0);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}

package dev.glia.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.config.Backends;
import dev.glia.core.io.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML estimator and model on an embedded {@code local[2]} session, in a Pipeline and saved. */
class GliaClassifierTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("glia-spark-ml-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The samples of {@link SparkTrainerTest#samples} as columns x0..x3 and a label. */
    private static Dataset<Row> columns(int n) {
        List<Row> rows = new ArrayList<>();
        for (Sample s : SparkTrainerTest.samples(n)) {
            float[] x = s.features();
            rows.add(RowFactory.create((double) x[0], (double) x[1], (double) x[2], (double) x[3], label(s)));
        }
        StructType schema = new StructType()
                .add("x0", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    private static double label(Sample s) {
        for (int c = 0; c < s.target().length; c++) {
            if (s.target()[c] == 1) {
                return c;
            }
        }
        throw new AssertionError("not one-hot");
    }

    private static double accuracy(Dataset<Row> predicted) {
        return predicted.filter("prediction = label").count() / (double) predicted.count();
    }

    @Test
    void aPipelineTrainsPredictsSavesAndLoads(@TempDir Path dir) throws Exception {
        Dataset<Row> data = columns(200).cache();
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features");
        GliaClassifier glia = new GliaClassifier()
                .setHiddenLayers(new int[] {16})
                .setActivation("tanh")
                .setMaxEpochs(12)
                .setBatchSize(50)
                .setLearningRate(0.1)
                .setSeed(3);
        PipelineModel model =
                new Pipeline().setStages(new PipelineStage[] {assembler, glia}).fit(data);
        Dataset<Row> predicted = model.transform(data).cache();
        assertTrue(accuracy(predicted) > 0.9, "training accuracy " + accuracy(predicted));
        Vector p = predicted.first().getAs("probability");
        assertEquals(3, p.size());
        assertEquals(1, p.apply(0) + p.apply(1) + p.apply(2), 1e-5, "probabilities sum to one");

        String path = dir.resolve("pipeline").toUri().toString();
        model.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> before = predicted.orderBy("x0").select("prediction").collectAsList();
        List<Row> after =
                loaded.transform(data).orderBy("x0").select("prediction").collectAsList();
        assertEquals(before, after, "the loaded pipeline predicts differently");

        GliaClassificationModel stage = (GliaClassificationModel) loaded.stages()[1];
        assertEquals(3, (Integer) stage.getOrDefault(stage.numClasses()));
        // the Glia model file inside is an ordinary one
        Path glia1 = dir.resolve("pipeline/stages/1_" + stage.uid() + "/" + GliaClassificationModel.MODEL_FILE);
        try (Backend backend = Backends.create();
                Network net = ModelFile.load(glia1, backend)) {
            assertEquals(4, net.inputWidth());
            assertEquals(3, net.outputWidth());
        }
    }

    @Test
    void arrayFeaturesWorkAndAWrongColumnIsNamed() {
        List<Row> rows = new ArrayList<>();
        for (Sample s : SparkTrainerTest.samples(60)) {
            float[] x = s.features();
            rows.add(RowFactory.create(new float[] {x[0], x[1], x[2], x[3]}, (int) label(s), "text"));
        }
        StructType schema = new StructType()
                .add("f", DataTypes.createArrayType(DataTypes.FloatType))
                .add("y", DataTypes.IntegerType)
                .add("s", DataTypes.StringType);
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        GliaClassificationModel model = new GliaClassifier()
                .setFeaturesCol("f")
                .setLabelCol("y")
                .setHiddenLayers(new int[] {8})
                .setMaxEpochs(2)
                .fit(data);
        Row first = model.transform(data).first();
        double[] probabilities = ((Vector) first.getAs("probability")).toArray();
        assertEquals(3, probabilities.length);
        assertArrayEquals(
                new double[] {1}, new double[] {probabilities[0] + probabilities[1] + probabilities[2]}, 1e-5);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new GliaClassifier().setFeaturesCol("s").fit(data));
        assertTrue(
                e.getMessage().contains("features column 's' must hold a Vector or an array of numbers"),
                e.getMessage());
    }
}

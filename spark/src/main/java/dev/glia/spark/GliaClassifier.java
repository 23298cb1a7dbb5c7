package dev.glia.spark;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;
import dev.glia.core.config.Backends;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML estimator that trains a Glia multi-layer perceptron classifier with {@link SparkTrainer}: features
 * from a {@code Vector} or numeric array column, class indices 0, 1, ... from a label column, hidden layers of
 * the given sizes and activation, a softmax output and Adam. It yields a {@link GliaClassificationModel} and
 * works inside a {@code Pipeline}.
 *
 * <pre>{@code
 * GliaClassifier glia = new GliaClassifier().setHiddenLayers(new int[] {128}).setMaxEpochs(5);
 * PipelineModel model = new Pipeline().setStages(new PipelineStage[] {assembler, glia}).fit(training);
 * model.transform(test).select("prediction", "probability");
 * }</pre>
 */
public final class GliaClassifier extends Estimator<GliaClassificationModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntArrayParam hiddenLayers;
    private final Param<String> activation;
    private final IntParam maxEpochs;
    private final IntParam batchSize;
    private final DoubleParam learningRate;
    private final LongParam seed;
    private final Param<String> allReduce;

    /** An estimator with a random uid and the default settings. */
    public GliaClassifier() {
        this(Identifiable$.MODULE$.randomUID("gliaClassifier"));
    }

    /** An estimator with {@code uid} (Spark ML copies and loads estimators through this constructor). */
    public GliaClassifier(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "features column: a Vector or an array of numbers");
        labelCol = new Param<>(this, "labelCol", "label column: class indices 0, 1, 2, ...");
        predictionCol = new Param<>(this, "predictionCol", "output column of the predicted class index");
        probabilityCol = new Param<>(this, "probabilityCol", "output column of the class probabilities");
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "units of each hidden layer");
        activation = new Param<>(this, "activation", "activation of the hidden layers, e.g. relu or tanh");
        maxEpochs = new IntParam(this, "maxEpochs", "epochs to train");
        batchSize = new IntParam(this, "batchSize", "global batch size, split over the partitions");
        learningRate = new DoubleParam(this, "learningRate", "Adam's learning rate");
        seed = new LongParam(this, "seed", "seed of the weights and of the shuffles");
        allReduce = new Param<>(this, "allReduce", "TREE_AGGREGATE or SHARDED");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(hiddenLayers, new int[] {64});
        setDefault(activation, "relu");
        setDefault(maxEpochs, 10);
        setDefault(batchSize, 64);
        setDefault(learningRate, 0.001);
        setDefault(seed, 42L);
        setDefault(allReduce, AllReduce.TREE_AGGREGATE.name());
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The features column parameter. */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** The label column parameter. */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** The prediction column parameter. */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** The probability column parameter. */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** The hidden layer sizes parameter. */
    public IntArrayParam hiddenLayers() {
        return hiddenLayers;
    }

    /** The hidden activation parameter. */
    public Param<String> activation() {
        return activation;
    }

    /** The epochs parameter. */
    public IntParam maxEpochs() {
        return maxEpochs;
    }

    /** The global batch size parameter. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** The learning rate parameter. */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** The seed parameter. */
    public LongParam seed() {
        return seed;
    }

    /** The all-reduce parameter ({@link AllReduce}'s names). */
    public Param<String> allReduce() {
        return allReduce;
    }

    /** Sets the features column. */
    public GliaClassifier setFeaturesCol(String column) {
        set(featuresCol, column);
        return this;
    }

    /** Sets the label column. */
    public GliaClassifier setLabelCol(String column) {
        set(labelCol, column);
        return this;
    }

    /** Sets the hidden layer sizes. */
    public GliaClassifier setHiddenLayers(int[] units) {
        set(hiddenLayers, units.clone());
        return this;
    }

    /** Sets the hidden activation. */
    public GliaClassifier setActivation(String id) {
        set(activation, id);
        return this;
    }

    /** Sets the epochs. */
    public GliaClassifier setMaxEpochs(int epochs) {
        set(maxEpochs, epochs);
        return this;
    }

    /** Sets the global batch size. */
    public GliaClassifier setBatchSize(int size) {
        set(batchSize, size);
        return this;
    }

    /** Sets Adam's learning rate. */
    public GliaClassifier setLearningRate(double rate) {
        set(learningRate, rate);
        return this;
    }

    /** Sets the seed. */
    public GliaClassifier setSeed(long value) {
        set(seed, value);
        return this;
    }

    /** Sets how gradients are summed. */
    public GliaClassifier setAllReduce(AllReduce way) {
        set(allReduce, way.name());
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        RowFeatures.checkFeatures(schema, getOrDefault(featuresCol));
        return RowFeatures.withOutputs(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol));
    }

    @Override
    public GliaClassificationModel fit(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        transformSchema(schema);
        String features = getOrDefault(featuresCol);
        String label = getOrDefault(labelCol);
        RowFeatures.checkLabel(schema, label);
        Dataset<Row> rows = dataset.toDF().select(features, label);
        Row max = rows.agg(functions.max(label)).first();
        if (max.isNullAt(0)) {
            throw new IllegalArgumentException("The DataFrame has no rows with a label to train on");
        }
        int classes = (int) ((Number) max.get(0)).doubleValue() + 1;
        JavaRDD<Sample> samples = rows.toJavaRDD().map(r -> sample(r, classes));
        int width = samples.first().features().length;
        double rate = (Double) getOrDefault(learningRate);
        SparkTrainer trainer = SparkTrainer.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(() -> Optimizers.adam(rate))
                .epochs((Integer) getOrDefault(maxEpochs))
                .batchSize((Integer) getOrDefault(batchSize))
                .seed((Long) getOrDefault(seed))
                .allReduce(AllReduce.valueOf(getOrDefault(allReduce)))
                .build();
        byte[] modelFile;
        try (Backend backend = Backends.create();
                Network net = network(backend, width, classes)) {
            trainer.fit(net, samples);
            modelFile = Checkpoints.modelBytes(net);
        }
        GliaClassificationModel model = new GliaClassificationModel(uid, modelFile, classes)
                .setFeaturesCol(features)
                .setPredictionCol(getOrDefault(predictionCol))
                .setProbabilityCol(getOrDefault(probabilityCol));
        model.setParent(this);
        return model;
    }

    private Network network(Backend backend, int width, int classes) {
        NetworkBuilder b =
                Network.builder(backend).seed((Long) getOrDefault(seed)).input(width);
        for (int units : getOrDefault(hiddenLayers)) {
            b.dense(units, getOrDefault(activation));
        }
        return b.dense(classes, "softmax").build();
    }

    private static Sample sample(Row row, int classes) {
        double label = ((Number) row.get(1)).doubleValue();
        if (label < 0 || label >= classes || label != Math.rint(label)) {
            throw new IllegalArgumentException(
                    "A label must be a class index 0.." + (classes - 1) + ", but a row's is " + label);
        }
        float[] target = new float[classes];
        target[(int) label] = 1;
        return new Sample(RowFeatures.features(row, 0), target);
    }

    @Override
    public GliaClassifier copy(ParamMap extra) {
        return (GliaClassifier) defaultCopy(extra);
    }
}

package dev.glia.core.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.LayerType;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A lookup table of {@code vocabulary} vectors of {@code dimension} values: each index of the input (an INT32
 * tensor of token ids, e.g. [N, T]) becomes its row of the table ([N, T, dimension]), through
 * {@link Backend#gather}; backward adds each output row's gradient into the row it came from
 * ({@link Backend#scatterAdd}), so a token seen twice gets both contributions. The table starts N(0, 1), as
 * PyTorch's {@code nn.Embedding}. It takes indices from the data, so it is a network's first layer; an index
 * outside [0, vocabulary) fails with a message naming it.
 */
final class Embedding implements Layer {
    static final String TYPE = "embedding";

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final Shape in;
    private final Shape out;
    private final int vocabulary;
    private final int dimension;
    private final Parameter table;
    private final ViewCache outputView = new ViewCache();
    private final ViewCache gradientView = new ViewCache();
    private final ViewCache indexView = new ViewCache();
    private Tensor rows;
    private Tensor lastIndices;

    Embedding(LayerContext context, Shape in, int vocabulary, int dimension) {
        this.name = context.layerName("Embedding");
        if (context.position() != 1) {
            throw new IllegalArgumentException(name + " takes token ids from the data, so it must be the network's"
                    + " first layer; it is layer " + context.position());
        }
        if (in.rank() + 1 >= Shape.MAX_RANK) {
            throw new IllegalArgumentException(name + " adds a dimension to its input " + in + "; a sample has rank"
                    + " at most " + (Shape.MAX_RANK - 1));
        }
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.in = in;
        int[] d = new int[in.rank() + 1];
        System.arraycopy(in.dims(), 0, d, 0, in.rank());
        d[in.rank()] = dimension;
        this.out = Shape.of(d);
        this.vocabulary = vocabulary;
        this.dimension = dimension;
        Shape shape = Shape.matrix(vocabulary, dimension);
        Tensor value = context.tensor("weight", shape, Embedding::normal);
        try {
            this.table = new Parameter("weight", value, backend.allocate(shape, dtype));
        } catch (RuntimeException e) {
            value.close();
            throw e;
        }
    }

    private static double[] normal(Shape shape, Random random) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    static LayerSpec spec(int vocabulary, int dimension) {
        if (vocabulary < 1 || dimension < 1 || (long) vocabulary * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("An embedding needs a vocabulary and a dimension of at least 1 whose"
                    + " product a tensor holds, got " + vocabulary + " x " + dimension);
        }
        return (in, context) -> new Embedding(context, in, vocabulary, dimension);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("vocabulary", vocabulary);
        config.put("dimension", dimension);
        return config;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public boolean takesIndices() {
        return true;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(table);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shapes.checkBatch(name, input, in);
        if (input.dtype() != DType.INT32) {
            throw new IllegalArgumentException(name + " takes INT32 token ids, got a " + input.dtype() + " tensor");
        }
        int n = input.shape().size();
        if (rows == null || rows.shape().dim(0) != n) {
            closeRows();
            rows = backend.allocate(Shape.matrix(n, dimension), dtype);
        }
        Tensor indices = indexView.of(backend, input, Shape.of(n));
        backend.gather(table.value(), indices, rows);
        lastIndices = training ? indices : null;
        return outputView.of(backend, rows, out.batchOf(input.shape().dim(0)));
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        if (lastIndices == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
        if (inputGradientNeeded) {
            throw new IllegalStateException(name + ": token ids have no gradient; an embedding is a first layer");
        }
        Shapes.checkBatch(name + "'s output gradient", gradOutput, out);
        Tensor g = gradientView.of(backend, gradOutput, rows.shape());
        backend.scatterAdd(g, lastIndices, table.gradient());
        return null;
    }

    private void closeRows() {
        outputView.close();
        if (rows != null) {
            rows.close();
        }
        rows = null;
    }

    @Override
    public void close() {
        closeRows();
        gradientView.close();
        indexView.close();
        lastIndices = null;
        table.value().close();
        table.gradient().close();
    }

    /** The {@code embedding} type: configuration {@code {"vocabulary": v, "dimension": d}}. */
    public static final class Type implements LayerType {
        /** For the service loader. */
        public Type() {}

        @Override
        public String id() {
            return TYPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return Embedding.spec(
                    Configs.positiveInt(config, "vocabulary", TYPE), Configs.positiveInt(config, "dimension", TYPE));
        }
    }
}

package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.core.internal.ConvolutionLayers;
import dev.glia.core.internal.DenseType;
import dev.glia.core.internal.LayerSpecs;
import dev.glia.core.internal.ReshapeTypes;
import java.util.Objects;

/**
 * The built-in layers, as recipes for {@link NetworkBuilder#add}. {@link LayerTypes} finds them, and plugin
 * layer types, by id for model files.
 *
 * <pre>{@code
 * Network.builder(backend).input(Shape.of(1, 28, 28))
 *         .add(Layers.flatten())
 *         .add(Layers.dense(128, "relu"))
 *         .add(Layers.dropout(0.2))
 *         .add(Layers.dense(10, "softmax"))
 *         .build();
 * }</pre>
 */
public final class Layers {
    private Layers() {}

    /**
     * A fully connected layer {@code y = f(x W + b)} of {@code units} outputs, with the activation of this id
     * (built-in or plugin); weights start with He initialisation for ReLU and Xavier otherwise, biases at 0.
     * Its input is one dimension per sample.
     */
    public static LayerSpec dense(int units, String activation) {
        return DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null);
    }

    /** A fully connected layer with an activation object (a plugin, or one made by {@code Activations.of}). */
    public static LayerSpec dense(int units, Activation activation) {
        return DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null);
    }

    /** A fully connected layer whose weights start as {@code initializer} draws them. */
    public static LayerSpec dense(int units, String activation, Initializer initializer) {
        return DenseType.spec(
                units,
                Objects.requireNonNull(activation, "activation"),
                Objects.requireNonNull(initializer, "initializer").asInitial());
    }

    /** Each sample becomes one dimension of the same values, {@code [size]}, without copying (a view). */
    public static LayerSpec flatten() {
        return ReshapeTypes.flatten();
    }

    /** Each sample is seen as {@code dims}, of the same size, without copying (a view). */
    public static LayerSpec reshape(int... dims) {
        return ReshapeTypes.reshape(Shape.of(dims));
    }

    /**
     * Inverted dropout: in training, each value is zeroed with probability {@code rate} and the others scaled by
     * {@code 1 / (1 - rate)}; in inference, the identity. The masks come from the backend's counter-based
     * generator under a seed drawn from the network's, the same on every backend.
     */
    public static LayerSpec dropout(double rate) {
        return LayerSpecs.dropout(rate);
    }

    /**
     * Batch normalisation over features ([features] per sample) with PyTorch's defaults: momentum 0.1 for the
     * running statistics, epsilon 1e-5.
     */
    public static LayerSpec batchNorm() {
        return LayerSpecs.batchNorm(0.1, 1e-5);
    }

    /** Batch normalisation over features with the given momentum (in (0, 1]) and epsilon. */
    public static LayerSpec batchNorm(double momentum, double epsilon) {
        return LayerSpecs.batchNorm(momentum, epsilon);
    }

    /**
     * A lookup table of {@code vocabulary} learned vectors of {@code dimension} values: token ids [T] per sample
     * become [T, dimension]. The network's first layer; its input batches are INT32.
     */
    public static LayerSpec embedding(int vocabulary, int dimension) {
        return LayerSpecs.embedding(vocabulary, dimension);
    }

    /**
     * A 2-D convolution of {@code filters} square {@code kernel × kernel} kernels with the activation of this id,
     * over per-sample input {@code [C, H, W]}; stride 1, no padding, a bias per filter. Weights start with He
     * initialisation for ReLU and Xavier otherwise (fan-in {@code C·kernel²}), biases at 0. Change stride,
     * padding, dilation and bias through the returned recipe.
     */
    public static Conv2dSpec conv2d(int filters, int kernel, String activation) {
        return Conv2dSpec.of(filters, kernel, kernel, Objects.requireNonNull(activation, "activation"));
    }

    /** A 2-D convolution with a {@code kernelHeight × kernelWidth} kernel. */
    public static Conv2dSpec conv2d(int filters, int kernelHeight, int kernelWidth, String activation) {
        return Conv2dSpec.of(filters, kernelHeight, kernelWidth, Objects.requireNonNull(activation, "activation"));
    }

    /** A 2-D convolution with an activation object. */
    public static Conv2dSpec conv2d(int filters, int kernelHeight, int kernelWidth, Activation activation) {
        return Conv2dSpec.of(filters, kernelHeight, kernelWidth, Objects.requireNonNull(activation, "activation"));
    }

    /**
     * Max pooling over {@code size × size} windows moving by {@code size}: each channel's largest value in each
     * window. The backward pass sends each gradient to the position that won.
     */
    public static Pool2dSpec maxPool2d(int size) {
        return Pool2dSpec.of(true, size, size);
    }

    /** Max pooling over {@code kernelHeight × kernelWidth} windows moving by their size. */
    public static Pool2dSpec maxPool2d(int kernelHeight, int kernelWidth) {
        return Pool2dSpec.of(true, kernelHeight, kernelWidth);
    }

    /** Average pooling over {@code size × size} windows moving by {@code size}. */
    public static Pool2dSpec avgPool2d(int size) {
        return Pool2dSpec.of(false, size, size);
    }

    /** Average pooling over {@code kernelHeight × kernelWidth} windows moving by their size. */
    public static Pool2dSpec avgPool2d(int kernelHeight, int kernelWidth) {
        return Pool2dSpec.of(false, kernelHeight, kernelWidth);
    }

    /** The mean of each channel over its height and width: {@code [C, H, W]} becomes {@code [C]}. */
    public static LayerSpec globalAvgPool2d() {
        return ConvolutionLayers.globalAvgPool2d();
    }

    /**
     * Batch normalisation per channel of {@code [C, H, W]} (PyTorch's {@code BatchNorm2d}): statistics over the
     * batch, height and width; momentum 0.1, epsilon 1e-5.
     */
    public static LayerSpec batchNorm2d() {
        return ConvolutionLayers.batchNorm2d(0.1, 1e-5);
    }

    /** Batch normalisation per channel with the given momentum (in (0, 1]) and epsilon. */
    public static LayerSpec batchNorm2d(double momentum, double epsilon) {
        return ConvolutionLayers.batchNorm2d(momentum, epsilon);
    }

    /**
     * A long short-term memory layer of {@code hidden} units with PyTorch's gate equations ({@code torch.nn.LSTM}),
     * for each step t from {@code h_{-1} = h0}, {@code c_{-1} = c0} (zeros unless given):
     *
     * <pre>
     * i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)
     * f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
     * g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
     * o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
     * c_t = f_t ∘ c_{t-1} + i_t ∘ g_t
     * h_t = o_t ∘ tanh(c_t)
     * </pre>
     *
     * and its parameter layout: {@code weight_ih = [W_ii; W_if; W_ig; W_io]} ({@code [4H, F]}), {@code weight_hh}
     * likewise ({@code [4H, H]}), {@code bias_ih} and {@code bias_hh} ({@code [4H]}) in the same gate order, so
     * PyTorch's {@code weight_ih_l0} and the rest map onto them one to one; all start uniform in ±1/√H. Input
     * {@code [T, F]} per sample; output every step's {@code h} ({@code [T, H]}) unless {@code returnSequences(false)}
     * keeps only the last ({@code [H]}). The layer is a {@link dev.glia.api.RecurrentLayer}.
     */
    public static RecurrentSpec lstm(int hidden) {
        return RecurrentSpec.lstm(hidden);
    }

    /**
     * A gated recurrent unit layer of {@code hidden} units with PyTorch's equations ({@code torch.nn.GRU}), for each
     * step t from {@code h_{-1} = h0}:
     *
     * <pre>
     * r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
     * z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
     * n_t = tanh(W_in x_t + b_in + r_t ∘ (W_hn h_{t-1} + b_hn))
     * h_t = (1 - z_t) ∘ n_t + z_t ∘ h_{t-1}
     * </pre>
     *
     * with PyTorch's layout: gates in the order r, z, n, {@code weight_ih [3H, F]}, {@code weight_hh [3H, H]},
     * {@code bias_ih}, {@code bias_hh [3H]}; otherwise as {@link #lstm}.
     */
    public static RecurrentSpec gru(int hidden) {
        return RecurrentSpec.gru(hidden);
    }
}

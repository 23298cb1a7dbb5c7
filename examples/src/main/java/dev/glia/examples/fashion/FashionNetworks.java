package dev.glia.examples.fashion;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;

/**
 * The layers of each {@link FashionModel}, and how its input and architecture are written. The CNN is the
 * classic small image classifier: two 5x5 ReLU convolutions (valid padding, stride 1), each followed by 2x2
 * max pooling, then a dense ReLU layer and the softmax output.
 */
public final class FashionNetworks {
    /** Side of the CNN's square kernels. */
    public static final int KERNEL = 5;
    /** Filters of the CNN's first convolution. */
    public static final int FILTERS_1 = 32;
    /** Filters of the CNN's second convolution. */
    public static final int FILTERS_2 = 64;
    /** Side of the CNN's pooling windows (and their stride). */
    public static final int POOL = 2;
    /** Units of the CNN's dense hidden layer. */
    public static final int DENSE = 128;

    /**
     * The most values one tensor of the CNN holds per image, for the size checks of {@code --batch-size}: the
     * second convolution's unfolded patches (im2col), {@code 32·5·5} rows by {@code 8·8} output positions. The
     * others are smaller: the first convolution's output {@code 32·24·24 = 18,432}, its patches
     * {@code 25·576 = 14,400}.
     */
    static final long CNN_LARGEST_PER_IMAGE = (long) FILTERS_1 * KERNEL * KERNEL * 8 * 8;

    private FashionNetworks() {}

    /** The shape of one input image: {@code [side·side]} for the MLP, {@code [1, side, side]} for the CNN. */
    public static Shape sampleShape(FashionModel model, int side) {
        return model == FashionModel.CNN ? Shape.of(1, side, side) : Shape.of(side * side);
    }

    /** The untrained network of {@code settings} on {@code backend}, for images of {@code side x side}. */
    public static Network build(Backend backend, FashionSettings settings, int side, int classes) {
        NetworkBuilder builder =
                Network.builder(backend).seed(settings.seed()).input(sampleShape(settings.model(), side));
        if (settings.model() == FashionModel.CNN) {
            builder.add(Layers.conv2d(FILTERS_1, KERNEL, "relu"))
                    .add(Layers.maxPool2d(POOL))
                    .add(Layers.conv2d(FILTERS_2, KERNEL, "relu"))
                    .add(Layers.maxPool2d(POOL))
                    .add(Layers.flatten())
                    .dense(DENSE, "relu");
        } else {
            settings.hidden().forEach(h -> builder.dense(h, "relu"));
        }
        return builder.dense(classes, "softmax").build();
    }

    /**
     * The architecture in one line: {@code 784-256-128-10} for the MLP; for the CNN, {@code 1x28x28 conv5x5x32
     * maxpool2 conv5x5x64 maxpool2 dense128 dense10}.
     */
    public static String architecture(FashionSettings settings, int side, int classes) {
        StringBuilder sb = new StringBuilder();
        if (settings.model() == FashionModel.CNN) {
            sb.append("1x").append(side).append('x').append(side);
            for (int filters : new int[] {FILTERS_1, FILTERS_2}) {
                sb.append(" conv")
                        .append(KERNEL)
                        .append('x')
                        .append(KERNEL)
                        .append('x')
                        .append(filters);
                sb.append(" maxpool").append(POOL);
            }
            return sb.append(" dense")
                    .append(DENSE)
                    .append(" dense")
                    .append(classes)
                    .toString();
        }
        sb.append(side * side);
        settings.hidden().forEach(h -> sb.append('-').append(h));
        return sb.append('-').append(classes).toString();
    }
}

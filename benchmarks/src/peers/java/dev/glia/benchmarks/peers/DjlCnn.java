package dev.glia.benchmarks.peers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;

/**
 * The CNN in DJL on PyTorch: {@code Conv2d} (no padding, stride 1) and {@code Pool.maxPool2dBlock} blocks, then
 * {@code Blocks.batchFlattenBlock} and {@code Linear} layers, over NCHW batches {@code [N, 1, 28, 28]}; the rest is
 * {@link DjlClassifier}'s.
 */
final class DjlCnn extends DjlClassifier implements CnnContender {
    DjlCnn(CnnSpec spec) {
        super(
                network(spec),
                "cnn",
                new long[] {spec.channels(), spec.side(), spec.side()},
                spec.batch(),
                spec.learningRate(),
                spec.seed(),
                spec.epochs());
    }

    private static SequentialBlock network(CnnSpec spec) {
        Shape kernel = new Shape(spec.kernel(), spec.kernel());
        Shape pool = new Shape(spec.pool(), spec.pool());
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(kernel)
                        .setFilters(spec.filters1())
                        .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(pool, pool))
                .add(Conv2d.builder()
                        .setKernelShape(kernel)
                        .setFilters(spec.filters2())
                        .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(pool, pool))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(spec.hidden()).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(spec.classes()).build());
    }
}

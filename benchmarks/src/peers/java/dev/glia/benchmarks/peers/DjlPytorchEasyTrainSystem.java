package dev.glia.benchmarks.peers;

/**
 * {@code djl-pytorch-easytrain}, for the cross-check ({@code benchmarks/run crosscheck}): the same DJL-PyTorch models
 * trained the way a DJL user writes it, an {@code ArrayDataset} and {@code EasyTrain.fit}, instead of the harness's
 * own loop (its training steps on batches it gathers on the engine in {@code EpochOrder}'s order). Not run unless
 * named.
 */
public final class DjlPytorchEasyTrainSystem extends OwnLoopSystem {
    /** Used by {@link java.util.ServiceLoader}. */
    public DjlPytorchEasyTrainSystem() {
        super(new DjlPytorchSystem(), "djl-pytorch-easytrain", "ArrayDataset and EasyTrain.fit");
    }

    @Override
    Object ownLoop(Object classifier) {
        return ((DjlClassifier) classifier).useEasyTrain();
    }
}

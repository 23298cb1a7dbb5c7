package dev.glia.benchmarks.peers;

/**
 * {@code dl4j-fit-iterator}, for the cross-check ({@code benchmarks/run crosscheck}): the same DL4J networks trained
 * the way a DL4J user writes it, a {@code DataSetIterator} and {@code MultiLayerNetwork.fit(iterator, epochs)},
 * instead of the harness's own loop over its host arrays. Not run unless named.
 */
public final class Dl4jFitIteratorSystem extends OwnLoopSystem {
    /** Used by {@link java.util.ServiceLoader}. */
    public Dl4jFitIteratorSystem() {
        super(new Dl4jSystem(), "dl4j-fit-iterator", "a DataSetIterator and fit(iterator, epochs)");
    }

    @Override
    Object ownLoop(Object classifier) {
        return ((Dl4jClassifier) classifier).useFitIterator();
    }
}

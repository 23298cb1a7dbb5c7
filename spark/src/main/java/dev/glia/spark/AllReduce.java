package dev.glia.spark;

/** How the partitions' gradients are summed each step before the driver's optimiser applies them once. */
public enum AllReduce {
    /**
     * {@code treeAggregate}: every partition's whole gradient vector goes up a tree of partial sums to the driver,
     * which receives about {@code P^(1/depth)} whole vectors per step (depth 2).
     */
    TREE_AGGREGATE,
    /**
     * A sharded reduce, as BigDL does: partition {@code k} owns slice {@code k} of the flat vector; each partition
     * sends every other owner its slice through the shuffle (reduce-scatter), the owners sum them, and the driver
     * gathers the summed slices, one vector in all, whatever the number of partitions.
     */
    SHARDED
}

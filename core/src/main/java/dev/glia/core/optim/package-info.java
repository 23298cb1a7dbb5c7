/** Built-in optimisers ({@link dev.glia.core.optim.Optimizers}): SGD, momentum and Adam, and clipping by the global gradient norm around any of them. */
package dev.glia.core.optim;

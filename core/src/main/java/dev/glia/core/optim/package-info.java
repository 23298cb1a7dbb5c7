/** Built-in optimisers ({@link dev.glia.core.optim.Optimizers}): SGD, momentum and Adam. */
package dev.glia.core.optim;

/**
 * Networks: {@link dev.glia.core.Network} built with {@link dev.glia.core.NetworkBuilder}, trained by
 * {@link dev.glia.core.Network#fit} on a {@link dev.glia.core.Dataset} with
 * {@link dev.glia.core.TrainingOptions}.
 */
package dev.glia.core;

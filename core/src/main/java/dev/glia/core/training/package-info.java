/**
 * What a trainer outside {@link dev.glia.core.Network#fit} needs, with nothing of any distributed engine:
 * parameters and gradients as one flat vector ({@link dev.glia.core.training.FlatParameters}). The step itself,
 * gradients without an update and an update from given gradients, is {@link dev.glia.core.TrainingSteps}; the
 * optimiser's state for checkpoints is {@link dev.glia.core.optim.OptimizerState}.
 */
package dev.glia.core.training;

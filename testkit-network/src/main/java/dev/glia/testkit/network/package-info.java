/**
 * Glia's network-level test suites, which every backend module subclasses in its tests (each subclass supplies
 * {@code createBackend()}): {@link dev.glia.testkit.network.CrossBackendSuite} (a few training steps and the
 * predictions agree with the float64 reference backend), {@link dev.glia.testkit.network.LeakSuite} (live tensors,
 * bytes and device objects stay flat over training, prediction, evaluation and model-file round trips),
 * {@link dev.glia.testkit.network.DeterminismSuite} (the same seed trains bit-identical weights),
 * {@link dev.glia.testkit.network.GradientCheckSuite} (float64 central differences of activations, losses and
 * networks) and {@link dev.glia.testkit.network.PredictorLoadSuite} (concurrent serving equals sequential
 * prediction). Depends on the api, core, the testkit and JUnit; the testkit itself cannot depend on core, whose
 * tests use it.
 */
package dev.glia.testkit.network;

/**
 * Glia's testkit: the backend conformance kit ({@link dev.glia.testkit.BackendConformanceTest}, which
 * every backend module subclasses in its tests), the float64 {@link dev.glia.testkit.ReferenceBackend}
 * that is the specification of every operation (selectable by name as {@code reference} through
 * {@link dev.glia.testkit.ReferenceBackendProvider}), a {@link dev.glia.testkit.GradientChecker} by
 * central differences. Depends on the api and JUnit only.
 */
package dev.glia.testkit;

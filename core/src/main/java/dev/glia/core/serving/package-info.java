/**
 * Serving a model to many threads at once: {@link dev.glia.core.serving.Predictor}, a pool of replicas of one
 * model, each a {@link dev.glia.core.Network} on a backend of its own. See {@code docs/serving.md}.
 */
package dev.glia.core.serving;

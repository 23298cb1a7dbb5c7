/**
 * Evaluation of classifiers, usable on any network and backend: {@link dev.glia.core.eval.Evaluation}
 * predicts classes (the argmax runs on the backend) and builds a {@link dev.glia.core.eval.ConfusionMatrix},
 * which gives accuracy, per-class precision, recall and F1, and a plain-text rendering.
 */
package dev.glia.core.eval;

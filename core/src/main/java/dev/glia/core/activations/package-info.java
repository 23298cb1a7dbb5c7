/**
 * Built-in activation functions and the registry that adds plugins to them
 * ({@link dev.glia.core.activations.Activations}).
 */
package dev.glia.core.activations;

/**
 * An example third-party activation plugin: {@link dev.glia.examples.plugin.Snake}, found through
 * {@code META-INF/services/dev.glia.api.Activation} and trained on every backend like a built-in.
 */
package dev.glia.examples.plugin;

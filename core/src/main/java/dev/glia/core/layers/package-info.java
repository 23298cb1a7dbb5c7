/**
 * The layers a network is built from: {@link dev.glia.core.layers.Layers} makes the recipe of each built-in
 * layer, and {@link dev.glia.core.layers.LayerTypes} finds every layer type by id, built-in or plugin, for model
 * files.
 */
package dev.glia.core.layers;

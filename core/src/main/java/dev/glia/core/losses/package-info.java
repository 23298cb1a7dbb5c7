/** Built-in loss functions ({@link dev.glia.core.losses.Losses}). */
package dev.glia.core.losses;

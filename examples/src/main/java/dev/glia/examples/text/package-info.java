/**
 * The text lesson ({@code glia text}): a character-level language model of Moby-Dick.
 *
 * <p>{@link dev.glia.examples.text.BundledText} reads the bundled chapters (training and held-out),
 * {@link dev.glia.examples.text.Vocabulary} numbers their characters, and
 * {@link dev.glia.examples.text.Sampler} draws characters from the model's predicted distribution at a chosen
 * temperature, seeded. The model reads the characters so far and predicts the next one; its held-out
 * cross-entropy in bits per character says how surprised it still is by Melville.
 */
package dev.glia.examples.text;

/**
 * The parity lesson ({@code glia parity}): the article's XOR stretched over time.
 *
 * <p>{@link dev.glia.examples.parity.ParityData} draws seeded random bit streams and their running parity
 * {@code y_t = x_1 XOR ... XOR x_t}. {@link dev.glia.examples.parity.WindowBaseline} trains a Dense network that
 * sees only the last few bits at each step: it is right while the whole stream fits in its window and guesses
 * beyond it. A recurrent network carries one bit of state from step to step and so has no window.
 */
package dev.glia.examples.parity;

/**
 * The XOR lesson: why a network needs activation functions between its layers.
 *
 * <p>{@link dev.glia.examples.xor.XorLesson} runs three small networks on the four XOR inputs and
 * returns an {@link dev.glia.examples.xor.XorResult}: a hand-set ReLU network that is exact, a trained
 * tanh/sigmoid network, and the same network with identity activations, which stays a single affine
 * map and therefore cannot learn XOR. The command line renders the result as text or JSON.
 */
package dev.glia.examples.xor;

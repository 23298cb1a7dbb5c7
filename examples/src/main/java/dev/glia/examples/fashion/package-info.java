/**
 * The image-classifier example: an MLP or a small CNN trained on Fashion-MNIST, evaluated, saved as a model
 * file and drawn as PNG charts. {@link dev.glia.examples.fashion.FashionMnist} finds the data (the Debian
 * package's files or the bundled subset), {@link dev.glia.examples.fashion.FashionNetworks} holds the layers of
 * each {@link dev.glia.examples.fashion.FashionModel}, {@link dev.glia.examples.fashion.FashionTraining} trains
 * and evaluates on any backend and returns a {@link dev.glia.examples.fashion.FashionResult},
 * {@link dev.glia.examples.fashion.Charts} and {@link dev.glia.examples.fashion.ConvolutionPictures} draw it,
 * and {@link dev.glia.examples.fashion.FashionCommand} is {@code glia fashion}. Only the command writes to the
 * console.
 */
package dev.glia.examples.fashion;

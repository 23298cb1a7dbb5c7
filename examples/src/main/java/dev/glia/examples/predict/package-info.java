/**
 * {@code glia predict}: classifies image files with a saved model. {@link dev.glia.examples.predict.ImageInput}
 * turns a PNG (or any format the JDK reads) into the network's input, the way Fashion-MNIST images are
 * stored: grey-scale, row-major, pixel/255; {@link dev.glia.examples.predict.PredictCommand} is the command.
 */
package dev.glia.examples.predict;

/**
 * {@code glia predict}: classifies image files with a saved model. {@link dev.glia.examples.predict.ImageInput}
 * turns a PNG (or any format the JDK reads) into the network's input, the way Fashion-MNIST images are
 * stored: grey-scale, row-major, pixel/255, read sample by sample from the raster so that every PNG colour
 * type and bit depth gives the same input for the same picture, after refusing hostile files (not a regular
 * file, a corrupt or truncated PNG, a size claimed in the header beyond what the model takes).
 * {@link dev.glia.examples.predict.PredictCommand} is the command: probabilities only when the model's last
 * layer makes a distribution, scores otherwise, and one error line per bad image.
 */
package dev.glia.examples.predict;

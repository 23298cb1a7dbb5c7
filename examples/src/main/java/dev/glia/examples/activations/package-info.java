/**
 * Activation functions as data you can look at: {@link dev.glia.examples.activations.ActivationDescription}
 * prints a formula and its simplified symbolic derivative, {@link dev.glia.examples.activations.ActivationCurves}
 * samples {@code f} and {@code f'} (element-wise ones with the float64 interpreter, row-wise ones such as
 * softmax on a backend, fed rows {@code [x, 0]}), and {@link dev.glia.examples.activations.ActivationGridChart}
 * draws them into one PNG with XChart. {@code glia activations} is the command line over these.
 */
package dev.glia.examples.activations;

/**
 * Pictures of what a network learned: {@link dev.glia.examples.boundary.XorBoundaryPlot} draws the XOR
 * decision boundary of the trained tanh/sigmoid network beside that of the same network without
 * activations (a straight line, because it is one affine map), with XChart.
 */
package dev.glia.examples.boundary;

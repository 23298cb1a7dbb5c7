/**
 * Helpers for the examples' pictures: {@link dev.glia.examples.pictures.ChartGrid} places XChart charts in
 * a grid and writes PNG files.
 */
package dev.glia.examples.pictures;

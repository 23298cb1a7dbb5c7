/** Helpers the examples' tests share: the fuzz targets' tally and FIFOs for the hostile-file tests. */
package dev.glia.examples.testsupport;

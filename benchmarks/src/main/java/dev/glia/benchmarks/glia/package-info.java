/** Glia's backends as benchmarked systems, found and created the way an application does. */
package dev.glia.benchmarks.glia;

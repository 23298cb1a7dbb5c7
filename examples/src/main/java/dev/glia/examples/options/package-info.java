/**
 * What every {@code glia} command shares about its options: the backend choice, the parsing and range
 * checks of option values ({@link dev.glia.examples.options.OptionValues}, failing with a one-line
 * {@link dev.glia.examples.options.UsageError}), the checks of output paths, and I/O error messages that
 * say what failed and why ({@link dev.glia.examples.options.IoFailures}).
 */
package dev.glia.examples.options;

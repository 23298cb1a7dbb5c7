/** Command-line options shared by every {@code glia} command: the backend choice. */
package dev.glia.examples.options;

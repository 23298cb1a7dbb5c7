/**
 * The {@code glia} command line, built with picocli: {@code glia xor} runs the XOR lesson and
 * {@code glia backends} reports the backend providers and which one the configuration selects.
 *
 * <p>Backends are chosen by configuration and created by {@link dev.glia.core.config.Backends}; nothing
 * here refers to a backend's classes. These are the
 * only classes of the examples that write to the console.
 */
package dev.glia.examples.cli;

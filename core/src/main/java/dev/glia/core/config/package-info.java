/**
 * Configuration and backend selection: {@link dev.glia.core.config.GliaConfig} (code, system property,
 * environment, {@code glia.properties}), {@link dev.glia.core.config.BackendSelector} and the Guice
 * {@link dev.glia.core.config.GliaModule}.
 */
package dev.glia.core.config;

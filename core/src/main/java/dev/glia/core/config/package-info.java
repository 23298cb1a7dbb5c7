/**
 * Configuration and backend selection: {@link dev.glia.core.config.GliaConfig} (code, system property,
 * environment, {@code glia.properties}), {@link dev.glia.core.config.BackendSelector}, and two doors to the
 * configured backend that choose it the same way: {@link dev.glia.core.config.Backends#create(GliaConfig)}
 * for plain code and the Guice {@link dev.glia.core.config.GliaModule} for dependency injection.
 */
package dev.glia.core.config;

package dev.glia.examples.cli;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import dev.glia.api.Backend;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.config.GliaModule;

/** Creates the configured backend through Guice, the way an application would. */
final class BackendLoader {
    private BackendLoader() {
    }

    /**
     * The backend {@code config} selects; the caller closes it. A selection error (unknown or
     * unavailable backend) is rethrown as the selector's own exception, without Guice's wrapping.
     */
    static Backend open(GliaConfig config) {
        try {
            return Guice.createInjector(new GliaModule(config)).getInstance(Backend.class);
        } catch (ProvisionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}

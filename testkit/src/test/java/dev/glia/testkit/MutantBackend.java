package dev.glia.testkit;

/**
 * A reference backend behind a {@link ForwardingBackend}: tests override single operations to build
 * deliberately broken (or float32-like) backends and check that the conformance kit notices (or tolerates)
 * them.
 */
class MutantBackend extends ForwardingBackend {
    MutantBackend() {
        super(new ReferenceBackend());
    }

    @Override
    public String name() {
        return "mutant";
    }

    @Override
    public String description() {
        return "a reference backend with an operation replaced, for testing the testkit";
    }
}

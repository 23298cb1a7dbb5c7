package dev.glia.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.glia.api.fixture.ApiFixtureUsingCore;
import dev.glia.backend.alpha.AlphaBackendUsingBeta;
import dev.glia.backend.alpha.AlphaBackendUsingCore;
import dev.glia.backend.beta.BetaBackend;
import dev.glia.core.fixture.CoreFixtureUsingEjml;
import dev.glia.examples.fixture.ExamplesFixtureUsingCoreInternals;
import dev.glia.examples.fixture.ExamplesFixtureUsingEjmlBackend;
import dev.glia.examples.fixture.cycle.a.CycleA;
import dev.glia.examples.fixture.cycle.b.CycleB;
import dev.glia.testkit.fixture.TestkitFixtureUsingCore;
import dev.glia.testkit.network.fixture.NetworkSuiteFixtureUsingEjml;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureTest}, checked against test fixtures that break it on purpose, must
 * fail, and must fail because of the fixture (its name is in the message), so that a rule which
 * matches nothing cannot pass for the wrong reason.
 */
class ArchitectureRulesFailTest {

    private static void assertRejects(ArchRule rule, String offender, Class<?>... fixtures) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
        AssertionError error =
                assertThrows(AssertionError.class, () -> rule.check(classes), "the rule accepted " + offender);
        assertTrue(
                error.getMessage().contains(offender),
                "the failure should name " + offender + ":\n" + error.getMessage());
    }

    @Test
    void apiUsingSomethingOutsideTheJdkIsRejected() {
        assertRejects(ArchitectureTest.API_DEPENDS_ONLY_ON_THE_JDK, "ApiFixtureUsingCore", ApiFixtureUsingCore.class);
    }

    @Test
    void coreUsingEjmlIsRejected() {
        assertRejects(
                ArchitectureTest.CORE_DOES_NOT_TOUCH_BACKENDS, "CoreFixtureUsingEjml", CoreFixtureUsingEjml.class);
    }

    @Test
    void backendUsingCoreIsRejected() {
        assertRejects(
                ArchitectureTest.BACKENDS_DO_NOT_TOUCH_CORE, "AlphaBackendUsingCore", AlphaBackendUsingCore.class);
    }

    @Test
    void testkitUsingCoreIsRejected() {
        assertRejects(
                ArchitectureTest.TESTKIT_DOES_NOT_TOUCH_CORE, "TestkitFixtureUsingCore", TestkitFixtureUsingCore.class);
    }

    @Test
    void networkSuiteUsingABackendIsRejected() {
        assertRejects(
                ArchitectureTest.NETWORK_SUITES_DO_NOT_TOUCH_BACKENDS,
                "NetworkSuiteFixtureUsingEjml",
                NetworkSuiteFixtureUsingEjml.class);
    }

    @Test
    void backendUsingAnotherBackendIsRejected() {
        assertRejects(
                ArchitectureTest.BACKENDS_ARE_INDEPENDENT,
                "AlphaBackendUsingBeta",
                AlphaBackendUsingBeta.class,
                BetaBackend.class);
    }

    @Test
    void exampleImportingABackendIsRejected() {
        assertRejects(
                ArchitectureTest.EXAMPLES_PICK_BACKENDS_BY_CONFIGURATION,
                "ExamplesFixtureUsingEjmlBackend",
                ExamplesFixtureUsingEjmlBackend.class);
    }

    @Test
    void packageCycleIsRejected() {
        assertRejects(ArchitectureTest.NO_PACKAGE_CYCLES, "CycleA", CycleA.class, CycleB.class);
    }

    @Test
    void usingAnotherModulesInternalsIsRejected() {
        assertRejects(
                ArchitectureTest.INTERNALS_STAY_IN_THEIR_MODULE,
                "ExamplesFixtureUsingCoreInternals",
                ExamplesFixtureUsingCoreInternals.class);
    }
}

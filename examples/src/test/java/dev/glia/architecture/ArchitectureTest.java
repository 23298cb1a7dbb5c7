package dev.glia.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md section 1, checked over every production class of {@code dev.glia} on
 * the test class path: api, core, testkit, the network testkit, every backend on it, and the examples.
 *
 * <p>The rules are constants so that {@link ArchitectureRulesFailTest} can show that each of
 * them rejects a deliberately broken fixture.
 */
class ArchitectureTest {

    /** The api sees the JDK and itself, nothing else. */
    static final ArchRule API_DEPENDS_ONLY_ON_THE_JDK = classes()
            .that()
            .resideInAPackage("dev.glia.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.glia.api..")
            .because("the api is the contract every module shares and may depend on the JDK only");

    /** The core picks backends by configuration and never touches one. */
    static final ArchRule CORE_DOES_NOT_TOUCH_BACKENDS = noClasses()
            .that()
            .resideInAPackage("dev.glia.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.glia.backend..", "org.ejml..", "org.nd4j..", "org.jocl..")
            .because("the core reaches backends only through the api's Backend and BackendProvider");

    /** A backend implements the api and knows nothing of the core. */
    static final ArchRule BACKENDS_DO_NOT_TOUCH_CORE = noClasses()
            .that()
            .resideInAPackage("dev.glia.backend..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.glia.core..")
            .because("a backend is written against the api alone");

    /** The testkit sees the api (and JUnit): core's tests use it, so it cannot use core, nor the network suites. */
    static final ArchRule TESTKIT_DOES_NOT_TOUCH_CORE = noClasses()
            .that()
            .resideInAPackage("dev.glia.testkit..")
            .and()
            .resideOutsideOfPackage("dev.glia.testkit.network..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.glia.core..", "dev.glia.testkit.network..", "dev.glia.backend..")
            .because("core's tests depend on the testkit, so the testkit depending on core would be a cycle");

    /** The network suites run on whatever backend a subclass creates, and name none. */
    static final ArchRule NETWORK_SUITES_DO_NOT_TOUCH_BACKENDS = noClasses()
            .that()
            .resideInAPackage("dev.glia.testkit.network..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.glia.backend..", "org.ejml..", "org.nd4j..", "org.jocl..")
            .because("every backend module runs the same suites against its own backend");

    /** No backend uses another. */
    static final ArchRule BACKENDS_ARE_INDEPENDENT = slices().matching("dev.glia.backend.(*)..")
            .should()
            .notDependOnEachOther()
            .because("each backend jar must work alone");

    /** Examples name backends in configuration only. */
    static final ArchRule EXAMPLES_PICK_BACKENDS_BY_CONFIGURATION = noClasses()
            .that()
            .resideInAPackage("dev.glia.examples..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.glia.backend..")
            .because("examples choose a backend by configuration (GliaConfig, Guice), never by import");

    /** No cycles between any two packages. */
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.glia.(**)").should().beFreeOfCycles();

    /** A module's {@code internal} packages are for that module alone. */
    static final ArchRule INTERNALS_STAY_IN_THEIR_MODULE =
            classes().that().resideInAPackage("dev.glia..").should(notUseTheInternalsOfAnotherModule());

    /** Module roots, one per jar; backends are {@code dev.glia.backend.<name>}. */
    static final List<String> MODULE_ROOTS = List.of(
            "dev.glia.api",
            "dev.glia.core",
            "dev.glia.kernels",
            "dev.glia.backend.ejml",
            "dev.glia.backend.nd4j",
            "dev.glia.backend.opencl",
            "dev.glia.testkit",
            "dev.glia.testkit.network",
            "dev.glia.examples");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.glia");
    }

    @Test
    void everyModuleIsImportedAndNoTestClassIs() {
        for (String root : MODULE_ROOTS) {
            assertTrue(
                    production.stream().anyMatch(c -> moduleOf(c).equals(root)),
                    "no production class of " + root + " was imported; the rules would pass vacuously");
        }
        assertFalse(production.contain(ArchitectureTest.class), "test classes must not be imported");
    }

    @Test
    void apiDependsOnlyOnTheJdk() {
        API_DEPENDS_ONLY_ON_THE_JDK.check(production);
    }

    @Test
    void coreDoesNotTouchBackends() {
        CORE_DOES_NOT_TOUCH_BACKENDS.check(production);
    }

    @Test
    void backendsDoNotTouchCore() {
        BACKENDS_DO_NOT_TOUCH_CORE.check(production);
    }

    @Test
    void testkitDoesNotTouchCore() {
        TESTKIT_DOES_NOT_TOUCH_CORE.check(production);
    }

    @Test
    void networkSuitesDoNotTouchBackends() {
        NETWORK_SUITES_DO_NOT_TOUCH_BACKENDS.check(production);
    }

    @Test
    void backendsAreIndependent() {
        BACKENDS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void examplesPickBackendsByConfiguration() {
        EXAMPLES_PICK_BACKENDS_BY_CONFIGURATION.check(production);
    }

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void internalsStayInTheirModule() {
        INTERNALS_STAY_IN_THEIR_MODULE.check(production);
    }

    /**
     * The module of a class: {@code dev.glia.backend.<name>} for backends, {@code dev.glia.testkit.network} for
     * the network testkit, {@code dev.glia.<name>} otherwise, and the empty string outside {@code dev.glia}.
     */
    static String moduleOf(JavaClass javaClass) {
        String[] parts = javaClass.getBaseComponentType().getPackageName().split("\\.");
        if (parts.length < 3 || !parts[0].equals("dev") || !parts[1].equals("glia")) {
            return "";
        }
        if (parts[2].equals("backend") && parts.length > 3) {
            return "dev.glia.backend." + parts[3];
        }
        if (parts[2].equals("testkit") && parts.length > 3 && parts[3].equals("network")) {
            return "dev.glia.testkit.network";
        }
        return "dev.glia." + parts[2];
    }

    private static boolean isInternal(JavaClass javaClass) {
        return List.of(javaClass.getBaseComponentType().getPackageName().split("\\."))
                .contains("internal");
    }

    private static ArchCondition<JavaClass> notUseTheInternalsOfAnotherModule() {
        return new ArchCondition<>("not use classes in the internal packages of another module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String targetModule = moduleOf(target);
                    if (isInternal(target) && !targetModule.isEmpty() && !targetModule.equals(moduleOf(origin))) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                dependency.getDescription() + " reaches into " + targetModule + "'s internals"));
                    }
                }
            }
        };
    }
}

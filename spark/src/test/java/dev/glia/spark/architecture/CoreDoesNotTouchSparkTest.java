package dev.glia.spark.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.glia.core.Network;
import dev.glia.core.sparkfixture.CoreFixtureUsingSpark;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 9: core offers what distributed training needs and nothing engine-specific, so no class of
 * core may touch Spark, Scala or Hadoop, nor this module. Checked here, where Spark is on the class path, over
 * core's production classes; a broken fixture shows that the rule can fail.
 */
class CoreDoesNotTouchSparkTest {
    static final ArchRule CORE_NEVER_TOUCHES_SPARK = noClasses()
            .that()
            .resideInAPackage("dev.glia.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..", "dev.glia.spark..")
            .because("core is engine-neutral: the spark module builds on core's flat-vector API, never the reverse");

    @Test
    void coreNeverTouchesSpark() {
        // core's own jar or classes directory only: scanning the whole class path (Spark's) takes half a minute
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(Location.of(
                        Network.class.getProtectionDomain().getCodeSource().getLocation())));
        assertTrue(
                core.size() > 100,
                "only " + core.size() + " classes of core were imported; the rule would pass " + "vacuously");
        CORE_NEVER_TOUCHES_SPARK.check(core);
    }

    @Test
    void theRuleRejectsACoreClassUsingSpark() {
        JavaClasses fixture = new ClassFileImporter().importClasses(CoreFixtureUsingSpark.class);
        AssertionError e = assertThrows(AssertionError.class, () -> CORE_NEVER_TOUCHES_SPARK.check(fixture));
        assertTrue(e.getMessage().contains("CoreFixtureUsingSpark"), e.getMessage());
    }
}

package dev.glia.examples.cli;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Runs the command line in-process, as {@code glia.jar} would, and reads what it prints. */
class GliaCommandTest {

    @Test
    void xorJsonPrintsExactlyOneJsonObject() throws Exception {
        Run run = run("xor", "--json", "--backend", "ejml");
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(run.out());
        assertTrue(json.isObject());
        assertEquals("ejml", json.path("backend").asText());
        assertFalse(json.path("backendDescription").asText().isBlank());

        JsonNode hand = json.path("handSet");
        assertTrue(hand.path("exact").asBoolean());
        double[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], hand.path("outputs").get(i).asDouble(), 0.0);
        }

        JsonNode trained = json.path("trained");
        assertTrue(trained.path("withinTolerance").asBoolean());
        assertTrue(trained.path("steps").asLong() > 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], trained.path("outputs").get(i).asDouble(), 0.1);
        }

        JsonNode linear = json.path("linear");
        assertTrue(linear.path("finalLoss").asDouble() >= 0.2);
        assertTrue(linear.path("maxFoldDifference").asDouble() <= 1e-5);
        assertEquals(1, linear.path("foldedLayers").asInt());
        assertEquals(4, linear.path("foldedOutputs").size());
        assertTrue(json.path("allChecksPass").asBoolean());
    }

    @Test
    void xorTextReportsTheThreeParts() {
        Run run = run("xor", "--backend", "ejml");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("XOR with and without activation functions"), run.out());
        assertTrue(run.out().contains("Backend: ejml - "), run.out());
        assertTrue(run.out().contains("Part 1.")
                && run.out().contains("Part 2.")
                && run.out().contains("Part 3."));
        assertTrue(run.out().contains("2 layers became 1"), run.out());
        assertTrue(run.out().contains("All checks passed."), run.out());
    }

    @Test
    void backendsListsEjml() {
        Run run = run("backends", "--backend", "ejml");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("ejml"), run.out());
        assertTrue(run.out().contains("rank 100"), run.out());
        assertTrue(run.out().contains("glia.backend = ejml (from code)"), run.out());
        assertTrue(run.out().contains("Selected: ejml - "), run.out());
    }

    @Test
    void backendsReportsAConfigurationThatSelectsNothing() {
        Run run = run("backends", "--backend", "nope");
        assertEquals(GliaCommand.FAILURE, run.status());
        assertTrue(run.out().contains("Selected: none"), run.out());
        assertTrue(run.out().contains("Unknown backend 'nope'"), run.out());
    }

    @Test
    void unknownBackendFailsWithOneMessageListingTheKnownBackends() {
        Run run = run("xor", "--backend", "nope");
        assertEquals(GliaCommand.FAILURE, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("glia: Unknown backend 'nope'"), run.err());
        assertTrue(run.err().contains("ejml"), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace or exception name: " + run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void withoutASubcommandPrintsUsage() {
        Run run = run();
        assertEquals(GliaCommand.USAGE, run.status());
        assertTrue(run.err().contains("Usage: glia"), run.err());
    }
}

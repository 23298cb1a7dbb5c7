package dev.glia.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glia.examples.xor.XorLesson;
import dev.glia.examples.xor.XorResult;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Renders an {@link XorResult} as a readable report or as one JSON object. */
final class XorReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Objects one field per line, arrays on one line. */
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    private XorReport() {}

    /** The report, several lines, ending with a line break. */
    static String text(XorResult r) {
        StringBuilder sb = new StringBuilder();
        line(sb, "XOR with and without activation functions");
        line(sb, "Backend: %s - %s", r.backend(), r.backendDescription());

        XorResult.HandSet hand = r.handSet();
        line(sb, "");
        line(sb, "Part 1. The hand-set network of Goodfellow et al., Deep Learning, section 6.1");
        line(sb, "  h = relu(W^T x + c), y = w^T h + b  with  W = [[1,1],[1,1]], c = [0,-1], w = [1,-2], b = 0");
        table(sb, List.of("output"), List.of(hand.outputs()), "%s");
        line(sb, "  Outputs equal the targets 0, 1, 1, 0 exactly: %s", yesNo(hand.exact()));

        XorResult.Trained t = r.trained();
        line(sb, "");
        line(
                sb,
                "Part 2. A 2-%d-1 network (tanh, then sigmoid) trained from random weights (seed %d)",
                XorLesson.HIDDEN_UNITS,
                XorLesson.SEED);
        line(
                sb,
                "  binary cross-entropy, Adam (learning rate %s), all 4 samples per batch, at most %d epochs",
                XorLesson.LEARNING_RATE,
                XorLesson.MAX_EPOCHS);
        line(
                sb,
                "  %s after %d steps: loss %.6f",
                t.finalLoss() <= XorLesson.TARGET_LOSS
                        ? "reached the target loss " + XorLesson.TARGET_LOSS
                        : "did not reach the target loss " + XorLesson.TARGET_LOSS,
                t.steps(),
                t.finalLoss());
        table(sb, List.of("output"), List.of(t.outputs()), "%.4f");
        line(sb, "  Every output within %s of its target: %s", t.tolerance(), yesNo(t.withinTolerance()));

        XorResult.Linear lin = r.linear();
        line(sb, "");
        line(sb, "Part 3. The same network with no activation (identity on both layers), trained with MSE");
        line(
                sb,
                "  after %d steps the loss is still %.6f: %s",
                lin.steps(),
                lin.finalLoss(),
                lin.cannotLearn()
                        ? "at or above " + lin.lossFloor() + ", so XOR was not learned"
                        : "below " + lin.lossFloor() + " (unexpected for a linear model)");
        String folded = "folded 2-1";
        table(
                sb,
                List.of("2-" + XorLesson.HIDDEN_UNITS + "-1 output", folded),
                List.of(lin.outputs(), lin.foldedOutputs()),
                "%.6f");
        line(
                sb,
                "  foldAffine(): %d layers became %d; largest difference %.1e (%s %.0e)",
                lin.layers(),
                lin.foldedLayers(),
                lin.maxFoldDifference(),
                lin.foldMatches() ? "within" : "NOT within",
                lin.foldTolerance());
        line(sb, "  Why: with nothing between them, the two layers compute (x W1 + b1) W2 + b2, which equals");
        line(sb, "  x (W1 W2) + (b1 W2 + b2): one affine map, the single layer that foldAffine() built. An affine");
        line(sb, "  map can only cut the input square with a straight line, and no line puts (0,1) and (1,0) on");
        line(sb, "  one side and (0,0) and (1,1) on the other, so the best it can do is answer about 0.5 for all");
        line(sb, "  four. The relu and tanh of parts 1 and 2 bend that line; that is what activations are for.");

        line(sb, "");
        line(sb, r.allChecksPass() ? "All checks passed." : "Some checks FAILED.");
        return sb.toString();
    }

    /** The result as one JSON object (indented, without a trailing line break). */
    static String json(XorResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("backend", r.backend());
        root.put("backendDescription", r.backendDescription());
        ArrayNode inputs = root.putArray("inputs");
        for (float[] x : XorLesson.inputs()) {
            inputs.addArray().add((int) x[0]).add((int) x[1]);
        }
        numbers(root.putArray("targets"), XorLesson.TARGETS);

        ObjectNode hand = root.putObject("handSet");
        numbers(hand.putArray("outputs"), r.handSet().outputs());
        hand.put("exact", r.handSet().exact());

        XorResult.Trained t = r.trained();
        ObjectNode trained = root.putObject("trained");
        numbers(trained.putArray("outputs"), t.outputs());
        trained.put("steps", t.steps());
        trained.put("epochs", t.epochs());
        trained.put("finalLoss", t.finalLoss());
        trained.put("stopReason", t.stopReason());
        trained.put("tolerance", t.tolerance());
        trained.put("withinTolerance", t.withinTolerance());

        XorResult.Linear lin = r.linear();
        ObjectNode linear = root.putObject("linear");
        numbers(linear.putArray("outputs"), lin.outputs());
        numbers(linear.putArray("foldedOutputs"), lin.foldedOutputs());
        linear.put("steps", lin.steps());
        linear.put("finalLoss", lin.finalLoss());
        linear.put("cannotLearn", lin.cannotLearn());
        linear.put("maxFoldDifference", lin.maxFoldDifference());
        linear.put("foldTolerance", lin.foldTolerance());
        linear.put("layers", lin.layers());
        linear.put("foldedLayers", lin.foldedLayers());

        root.put("allChecksPass", r.allChecksPass());
        try {
            return WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Could not write the XOR result as JSON", e);
        }
    }

    private static void numbers(ArrayNode array, List<Double> values) {
        values.forEach(array::add);
    }

    /** Inputs, targets and one column per entry of {@code columns}. */
    private static void table(StringBuilder sb, List<String> headers, List<List<Double>> columns, String format) {
        StringBuilder head = new StringBuilder("    x1  x2  target");
        headers.forEach(h -> head.append(String.format(Locale.ROOT, "  %14s", h)));
        line(sb, "%s", head);
        float[][] inputs = XorLesson.inputs();
        for (int i = 0; i < inputs.length; i++) {
            StringBuilder row = new StringBuilder(String.format(
                    Locale.ROOT,
                    "    %2d  %2d  %6d",
                    (int) inputs[i][0],
                    (int) inputs[i][1],
                    XorLesson.TARGETS.get(i).intValue()));
            for (List<Double> column : columns) {
                row.append(String.format(Locale.ROOT, "  %14s", String.format(Locale.ROOT, format, column.get(i))));
            }
            line(sb, "%s", row);
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "NO";
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

package dev.glia.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glia.api.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer of a version-1 description: {@code {"type": "dense", "name", "inputs", "units", "activation",
 * "weight", "bias"}}, read into version 2's terms: configuration {@code {"units", "activation"}} and tensors
 * {@code weight} [inputs, units] and {@code bias} [units], as version 2 saves them too.
 */
final class LegacyLayer {
    private LegacyLayer() {}

    static LayerDescription read(JsonNode node, int i, int width, String where) {
        String at = where + ", layer " + (i + 1);
        if (!node.isObject()) {
            throw new ModelFileException(at + " is not a JSON object");
        }
        String type = DescriptionJson.text(node, "type", at);
        if (!type.equals("dense")) {
            throw new ModelFileException(at + " has type '" + type + "'; a version-1 file holds dense layers only");
        }
        String name = DescriptionJson.text(node, "name", at);
        int inputs = DescriptionJson.positive(node.path("inputs"), "inputs", at);
        int units = DescriptionJson.positive(node.path("units"), "units", at);
        String activation = DescriptionJson.text(node, "activation", at);
        String weight = DescriptionJson.text(node, "weight", at);
        String bias = DescriptionJson.text(node, "bias", at);
        at += " (" + name + ")";
        if (inputs != width) {
            throw new ModelFileException(at + " takes " + inputs + " inputs, but "
                    + (i == 0 ? "the input has width " : "the layer before gives ") + width);
        }
        if ((long) inputs * units > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(at + " has " + inputs + " x " + units + " weights, more than a tensor holds");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("units", units);
        config.put("activation", activation);
        Map<String, String> tensors = new LinkedHashMap<>();
        tensors.put("weight", weight);
        tensors.put("bias", bias);
        return new LayerDescription(type, name, config, Shape.of(units), tensors);
    }

    /** The shape each tensor of a version-1 dense layer must have in the file. */
    static int[] fileShape(String role, int inputs, int units) {
        return role.equals("weight") ? new int[] {inputs, units} : new int[] {units};
    }
}

package dev.glia.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glia.api.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Glia's JSON description of a network, kept under {@code __metadata__["glia"]}: writing and strict reading. */
final class DescriptionJson {
    private DescriptionJson() {
    }

    static String encode(ModelDescription d) {
        ObjectNode root = Safetensors.JSON.createObjectNode();
        root.put("format", ModelFile.FORMAT);
        root.put("formatVersion", d.formatVersion());
        root.put("dtype", d.dtype() == DType.FLOAT64 ? "float64" : "float32");
        root.putArray("inputShape").add(d.inputWidth());
        ArrayNode layers = root.putArray("layers");
        for (LayerDescription l : d.layers()) {
            ObjectNode layer = layers.addObject();
            layer.put("type", l.type());
            layer.put("name", l.name());
            layer.put("inputs", l.inputs());
            layer.put("units", l.units());
            layer.put("activation", l.activation());
            layer.put("weight", l.weightTensor());
            layer.put("bias", l.biasTensor());
        }
        ObjectNode metadata = root.putObject("metadata");
        new TreeMap<>(d.metadata()).forEach(metadata::put);
        try {
            return Safetensors.JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a model description", e);
        }
    }

    static ModelDescription decode(String json, String file) {
        String where = "Model file " + file;
        JsonNode root;
        try {
            root = Safetensors.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(where + ": the Glia description is not valid JSON (" + e.getOriginalMessage()
                    + "); the file is damaged", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(where + ": the Glia description is not a JSON object");
        }
        if (!ModelFile.FORMAT.equals(root.path("format").textValue())) {
            throw new ModelFileException(where + " is a safetensors file but not a Glia network (format "
                    + root.path("format") + ", expected \"" + ModelFile.FORMAT + "\")");
        }
        int version = integer(root, "formatVersion", where);
        if (version != ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(where + " uses format version " + version + "; this Glia reads version "
                    + ModelFile.FORMAT_VERSION + (version > ModelFile.FORMAT_VERSION ? " (upgrade Glia to read it)"
                    : ""));
        }
        String dtypeName = root.path("dtype").textValue();
        DType dtype;
        if ("float32".equals(dtypeName)) {
            dtype = DType.FLOAT32;
        } else if ("float64".equals(dtypeName)) {
            dtype = DType.FLOAT64;
        } else {
            throw new ModelFileException(where + ": dtype " + root.path("dtype") + " is not float32 or float64");
        }
        JsonNode input = root.path("inputShape");
        if (!input.isArray() || input.size() != 1) {
            throw new ModelFileException(where + ": inputShape must be [width], got " + input);
        }
        int inputWidth = positive(input.get(0), "inputShape", where);
        JsonNode layersNode = root.path("layers");
        if (!layersNode.isArray() || layersNode.isEmpty()) {
            throw new ModelFileException(where + ": layers must be a non-empty array");
        }
        List<LayerDescription> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            layers.add(layer(layersNode.get(i), i, where));
        }
        JsonNode metaNode = root.path("metadata");
        if (!metaNode.isObject()) {
            throw new ModelFileException(where + ": metadata must be an object of strings");
        }
        Map<String, String> metadata = new TreeMap<>();
        metaNode.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(where + ": metadata entry '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        });
        return new ModelDescription(version, dtype, inputWidth, layers, metadata);
    }

    private static LayerDescription layer(JsonNode node, int i, String where) {
        String at = where + ", layer " + (i + 1);
        if (!node.isObject()) {
            throw new ModelFileException(at + " is not a JSON object");
        }
        String type = text(node, "type", at);
        if (!type.equals("dense")) {
            throw new ModelFileException(at + " has type '" + type + "'; this Glia knows: dense");
        }
        return new LayerDescription(type, text(node, "name", at), positive(node.path("inputs"), "inputs", at),
                positive(node.path("units"), "units", at), text(node, "activation", at), text(node, "weight", at),
                text(node, "bias", at));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new ModelFileException(where + ": '" + field + "' must be a non-empty string");
        }
        return v.textValue();
    }

    private static int integer(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ModelFileException(where + ": '" + field + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static int positive(JsonNode v, String field, String where) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new ModelFileException(where + ": '" + field + "' must be a positive integer, got " + v);
        }
        return v.intValue();
    }
}

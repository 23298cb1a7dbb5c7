package dev.glia.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Glia's JSON description of a network, kept under {@code __metadata__["glia"]}: writing version 2 and strict
 * reading of versions 1 and 2. Version 2 describes each layer by type, name, configuration, output shape and
 * tensor names; version 1 knew only dense layers (see {@link LegacyLayer}).
 */
final class DescriptionJson {
    private DescriptionJson() {}

    static String encode(ModelDescription d) {
        ObjectNode root = Safetensors.JSON.createObjectNode();
        root.put("format", ModelFile.FORMAT);
        root.put("formatVersion", ModelFile.FORMAT_VERSION);
        root.put("dtype", d.dtype() == DType.FLOAT64 ? "float64" : "float32");
        shape(root.putArray("inputShape"), d.inputShape());
        ArrayNode layers = root.putArray("layers");
        for (LayerDescription l : d.layers()) {
            ObjectNode layer = layers.addObject();
            layer.put("type", l.type());
            layer.put("name", l.name());
            layer.set("config", Safetensors.JSON.valueToTree(l.config()));
            shape(layer.putArray("outputShape"), l.outputShape());
            ObjectNode tensors = layer.putObject("tensors");
            l.tensors().forEach(tensors::put);
        }
        ObjectNode metadata = root.putObject("metadata");
        new TreeMap<>(d.metadata()).forEach(metadata::put);
        try {
            return Safetensors.JSON.writeValueAsString(root);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot encode a model description: " + e.getMessage(), e);
        }
    }

    private static void shape(ArrayNode array, Shape shape) {
        for (int d : shape.dims()) {
            array.add(d);
        }
    }

    /** Reads a version-1 or version-2 description; a version-1 one comes back in version 2's terms. */
    static ModelDescription decode(String json, String file) {
        String where = "Model file " + file;
        JsonNode root;
        try {
            root = Safetensors.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(
                    where + ": the Glia description is not valid JSON (" + e.getOriginalMessage()
                            + "); the file is damaged",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(where + ": the Glia description is not a JSON object");
        }
        if (!ModelFile.FORMAT.equals(root.path("format").textValue())) {
            throw new ModelFileException(where + " is a safetensors file but not a Glia network (format "
                    + root.path("format") + ", expected \"" + ModelFile.FORMAT + "\")");
        }
        int version = integer(root, "formatVersion", where);
        if (version < 1 || version > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(where + " uses format version " + version + "; this Glia reads versions 1 to "
                    + ModelFile.FORMAT_VERSION
                    + (version > ModelFile.FORMAT_VERSION ? " (upgrade Glia to read it)" : ""));
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
        if (version == 1 && (!input.isArray() || input.size() != 1)) {
            throw new ModelFileException(where + ": inputShape must be [width], got " + input);
        }
        Shape inputShape = shape(input, "inputShape", where, Shape.MAX_RANK - 1);
        JsonNode layersNode = root.path("layers");
        if (!layersNode.isArray() || layersNode.isEmpty()) {
            throw new ModelFileException(where + ": layers must be a non-empty array");
        }
        List<LayerDescription> layers = new ArrayList<>();
        int width = inputShape.size();
        for (int i = 0; i < layersNode.size(); i++) {
            LayerDescription l = version == 1
                    ? LegacyLayer.read(layersNode.get(i), i, width, where)
                    : layer(layersNode.get(i), i, where);
            layers.add(l);
            width = l.outputShape().size();
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
        return new ModelDescription(version, dtype, inputShape, layers, metadata);
    }

    private static LayerDescription layer(JsonNode node, int i, String where) {
        String at = where + ", layer " + (i + 1);
        if (!node.isObject()) {
            throw new ModelFileException(at + " is not a JSON object");
        }
        String type = text(node, "type", at);
        String name = text(node, "name", at);
        at += " (" + name + ")";
        JsonNode config = node.path("config");
        if (!config.isObject()) {
            throw new ModelFileException(at + ": 'config' must be a JSON object, got " + config);
        }
        Shape output = shape(node.path("outputShape"), "outputShape", at, Shape.MAX_RANK - 1);
        JsonNode tensorsNode = node.path("tensors");
        if (!tensorsNode.isObject()) {
            throw new ModelFileException(at + ": 'tensors' must be an object of names, got " + tensorsNode);
        }
        Map<String, String> tensors = new LinkedHashMap<>();
        for (var it = tensorsNode.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual() || e.getValue().textValue().isEmpty()) {
                throw new ModelFileException(
                        at + ": tensor '" + e.getKey() + "' must name a tensor of the file, got " + e.getValue());
            }
            tensors.put(e.getKey(), e.getValue().textValue());
        }
        @SuppressWarnings("unchecked") // a JSON object converts to a map of strings to JSON values
        Map<String, Object> configMap = Safetensors.JSON.convertValue(config, LinkedHashMap.class);
        return new LayerDescription(type, name, configMap, output, tensors);
    }

    /** A shape of rank 1 to {@code maxRank} of positive sizes whose product fits a tensor. */
    static Shape shape(JsonNode node, String field, String where, int maxRank) {
        if (!node.isArray() || node.isEmpty() || node.size() > maxRank) {
            throw new ModelFileException(
                    where + ": '" + field + "' must be an array of 1 to " + maxRank + " positive sizes, got " + node);
        }
        int[] dims = new int[node.size()];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = positive(node.get(i), field, where);
            size *= dims[i];
            if (size > Integer.MAX_VALUE - 8) {
                throw new ModelFileException(
                        where + ": '" + field + "' " + node + " has more elements than a tensor" + " holds (2^31 - 9)");
            }
        }
        return Shape.of(dims);
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new ModelFileException(where + ": '" + field + "' must be a non-empty string");
        }
        return v.textValue();
    }

    static int integer(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ModelFileException(where + ": '" + field + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    static int positive(JsonNode v, String field, String where) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new ModelFileException(where + ": '" + field + "' must be a positive integer, got " + v);
        }
        return v.intValue();
    }
}

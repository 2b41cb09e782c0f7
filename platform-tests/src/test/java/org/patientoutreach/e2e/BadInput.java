package org.patientoutreach.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bad requests a careless or hostile client sends, derived from one operation of a service's OpenAPI document:
 * malformed and mistyped bodies, unknown and missing fields, oversized bodies, wrong content types, bad ids and
 * mistyped query parameters. Each is a path (with query) and an optional body.
 */
final class BadInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Above every service's body limit (1 MiB for JSON) and well above any real request. */
    private static final int OVERSIZED = 3 * 1024 * 1024;

    record Request(String what, String method, String path, String contentType, byte[] body) {
    }

    private BadInput() {
    }

    /** Every bad variant of one operation; {@code openApi} resolves its $refs. */
    static List<Request> of(JsonNode openApi, String method, String pathTemplate, JsonNode operation) {
        List<Request> out = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        String path = fill(pathTemplate, parameters, null, null);
        // Bad ids and absurd path values, one path parameter at a time.
        for (JsonNode p : parameters) {
            if (!p.path("in").asText().equals("path")) {
                continue;
            }
            String name = p.path("name").asText();
            for (String bad : List.of("not-an-id", "-1", "x".repeat(3000), "%00", "..%2F..%2Fetc")) {
                out.add(new Request("path " + name + "=" + abbreviated(bad), method, fill(pathTemplate, parameters, name, bad),
                        null, null));
            }
        }
        // Mistyped query parameters.
        for (JsonNode p : parameters) {
            if (!p.path("in").asText().equals("query")) {
                continue;
            }
            String name = p.path("name").asText();
            JsonNode schema = resolve(openApi, p.path("schema"));
            for (String bad : badScalars(schema)) {
                out.add(new Request("query " + name + "=" + bad, method,
                        path + (path.contains("?") ? "&" : "?") + name + "=" + encode(bad), null, null));
            }
        }
        JsonNode content = operation.path("requestBody").path("content");
        Iterator<String> types = content.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (type.contains("json") && !type.contains("ndjson")) {
                JsonNode schema = resolve(openApi, content.path(type).path("schema"));
                out.addAll(jsonBodies(openApi, method, path, type, schema));
            } else {
                out.add(new Request(type + " garbage", method, path, type, ("\u0000\u00ff{<not " + type + ">")
                        .getBytes(StandardCharsets.UTF_8)));
                out.add(new Request(type + " empty", method, path, type, new byte[0]));
            }
        }
        return out;
    }

    private static List<Request> jsonBodies(JsonNode openApi, String method, String path, String type, JsonNode schema) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"name\": ");
        bodies.put("JSON array", "[]");
        bodies.put("JSON string", "\"text\"");
        bodies.put("JSON null", "null");
        bodies.put("empty object", "{}");
        bodies.put("unknown field only", "{\"unknownField\": true}");
        bodies.put("deep nesting", "[".repeat(5000) + "]".repeat(5000));
        ObjectNode wrongTypes = JSON.createObjectNode();
        schema.path("properties").fields().forEachRemaining(f -> {
            JsonNode property = resolve(openApi, f.getValue());
            String t = property.path("type").asText("object");
            if (t.equals("string")) {
                wrongTypes.put(f.getKey(), 12345);
            } else {
                wrongTypes.put(f.getKey(), "not a " + t);
            }
        });
        if (!wrongTypes.isEmpty()) {
            bodies.put("every field of the wrong type", wrongTypes.toString());
        }
        List<Request> out = new ArrayList<>();
        bodies.forEach((what, body) -> out.add(new Request(what, method, path, type, body.getBytes(StandardCharsets.UTF_8))));
        StringBuilder big = new StringBuilder(OVERSIZED + 64).append("{\"name\":\"");
        big.append("a".repeat(OVERSIZED)).append("\"}");
        out.add(new Request("oversized body (3 MiB)", method, path, type, big.toString().getBytes(StandardCharsets.UTF_8)));
        out.add(new Request("wrong content type", method, path, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> badScalars(JsonNode schema) {
        String type = schema.path("type").asText("string");
        if (type.equals("integer") || type.equals("number")) {
            return List.of("abc", "-99999999999999999999", "1e309");
        }
        if (schema.has("enum")) {
            return List.of("NOT_ONE_OF_THEM");
        }
        if (schema.path("format").asText().startsWith("date")) {
            return List.of("yesterday", "2026-13-45");
        }
        if (type.equals("boolean")) {
            return List.of("perhaps");
        }
        return List.of("x".repeat(3000));
    }

    /** The path with every parameter filled with a fresh, well-formed id, except {@code badName} with {@code badValue}. */
    private static String fill(String template, List<JsonNode> parameters, String badName, String badValue) {
        String path = template;
        for (JsonNode p : parameters) {
            if (p.path("in").asText().equals("path")) {
                String name = p.path("name").asText();
                String value = name.equals(badName) ? badValue : UUID.randomUUID().toString();
                path = path.replace("{" + name + "}", value);
            }
        }
        return path;
    }

    static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null || !ref.startsWith("#/")) {
            return schema;
        }
        JsonNode node = openApi;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String value) {
        return value.length() > 20 ? value.substring(0, 8) + "...(" + value.length() + " chars)" : value;
    }
}

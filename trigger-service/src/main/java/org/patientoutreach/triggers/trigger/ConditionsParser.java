package org.patientoutreach.triggers.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.triggers.match.CompiledCondition;
import org.patientoutreach.triggers.match.InvalidCondition;

/**
 * Reads a request's {@code conditions}: a list of typed conditions, or the shorthand object of equalities
 * ({@code {"department": "Ophthalmology", "attributes": {"visitType": "follow-up"}}}) that earlier clients send.
 * Every condition is compiled once here, so a bad one is refused with 400 naming its path
 * ({@code conditions[2].min}) and a stored trigger always compiles.
 */
final class ConditionsParser {

    static final int MAX_CONDITIONS = 50;
    private static final List<String> SHORTHAND_FIELDS = List.of("department", "facility", "source", "encounterId");

    private ConditionsParser() {
    }

    static List<Condition> parse(JsonNode json) {
        if (json == null || json.isNull()) {
            return List.of();
        }
        List<Condition> conditions = json.isArray() ? typed(json) : json.isObject() ? shorthand(json) : null;
        if (conditions == null) {
            throw ProblemException.badField("conditions", "must be a list of conditions or an object of equalities");
        }
        if (conditions.size() > MAX_CONDITIONS) {
            throw ProblemException.badField("conditions", "at most " + MAX_CONDITIONS + " conditions");
        }
        return conditions;
    }

    private static List<Condition> typed(JsonNode array) {
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "conditions[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw ProblemException.badField(path, "must be an object with field and operator");
            }
            Condition condition = new Condition(text(node, "field", path), operator(node, path), text(node, "value", path),
                    texts(node, path), text(node, "min", path), text(node, "max", path));
            conditions.add(validated(condition, path));
        }
        return conditions;
    }

    private static List<Condition> shorthand(JsonNode object) {
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            String path = "conditions." + key;
            if (entry.getValue().isNull()) {
                continue;
            }
            if (key.equals("attributes")) {
                if (!entry.getValue().isObject()) {
                    throw ProblemException.badField(path, "must be an object of attribute equalities");
                }
                for (Iterator<Map.Entry<String, JsonNode>> a = entry.getValue().fields(); a.hasNext(); ) {
                    Map.Entry<String, JsonNode> attribute = a.next();
                    String attributePath = path + "." + attribute.getKey();
                    conditions.add(validated(Condition.equalTo("attributes." + attribute.getKey(),
                            scalar(attribute.getValue(), attributePath)), attributePath));
                }
            } else if (SHORTHAND_FIELDS.contains(key)) {
                conditions.add(validated(Condition.equalTo(key, scalar(entry.getValue(), path)), path));
            } else {
                throw ProblemException.badField(path, "unknown; use " + SHORTHAND_FIELDS + " or attributes");
            }
        }
        return conditions;
    }

    private static Condition validated(Condition condition, String path) {
        try {
            CompiledCondition.compile(condition);
            return condition;
        } catch (InvalidCondition e) {
            // the shorthand's path already names the field; a typed condition's names the member
            String field = path.startsWith("conditions[") ? path + "." + e.part() : path;
            throw ProblemException.badField(field, e.getMessage());
        }
    }

    private static Operator operator(JsonNode node, String path) {
        String name = text(node, "operator", path);
        if (name == null) {
            throw ProblemException.badField(path + ".operator", "is required: EQUALS, IN, PREFIX, RANGE or EXISTS");
        }
        try {
            return Operator.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(path + ".operator", "must be EQUALS, IN, PREFIX, RANGE or EXISTS");
        }
    }

    private static String text(JsonNode node, String member, String path) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : scalar(value, path + "." + member);
    }

    private static List<String> texts(JsonNode node, String path) {
        JsonNode values = node.get("values");
        if (values == null || values.isNull()) {
            return null;
        }
        if (!values.isArray()) {
            throw ProblemException.badField(path + ".values", "must be a list");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            texts.add(scalar(values.get(i), path + ".values[" + i + "]"));
        }
        return texts;
    }

    /** Numbers and booleans are accepted where text is expected ({@code "min": 2}). */
    private static String scalar(JsonNode value, String path) {
        if (!value.isValueNode() || value.isNull()) {
            throw ProblemException.badField(path, "must be a text, number or boolean");
        }
        return value.asText();
    }
}

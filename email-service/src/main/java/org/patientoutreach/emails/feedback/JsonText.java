package org.patientoutreach.emails.feedback;

import com.fasterxml.jackson.databind.JsonNode;

/** The relays' webhooks read fields the same way: a field counts only when it holds something. */
final class JsonText {

    private JsonText() {
    }

    /** The field's string, or null when it is absent, not a string, or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    /** As {@link #text}, but a number counts too, as its digits (Mailgun's timestamps come either way). */
    static String scalar(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()
                ? null : value.asText();
    }
}

package org.patientoutreach.emails.personalization;

import java.util.Map;

/**
 * The values a template can pull in: the patient's names and the ids a journey passed along. Any of them may be
 * missing; a missing value renders as an empty string.
 */
public record Personalization(String firstName, String lastName, Map<String, String> context) {

    public static final Personalization EMPTY = new Personalization(null, null, Map.of());

    public Personalization {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}

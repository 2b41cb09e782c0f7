package org.patientoutreach.emails.personalization;

import java.util.Map;

/**
 * The values a template can pull in: the patient's names, the ids a journey passed along and the patient's signed
 * unsubscribe link. Any of them may be missing; a missing value renders as an empty string.
 */
public record Personalization(String firstName, String lastName, Map<String, String> context, String unsubscribeUrl) {

    public static final Personalization EMPTY = new Personalization(null, null, Map.of());

    public Personalization {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** Without an unsubscribe link: previews and test sends belong to no send request, so no link can be signed. */
    public Personalization(String firstName, String lastName, Map<String, String> context) {
        this(firstName, lastName, context, null);
    }

    public Personalization withUnsubscribeUrl(String url) {
        return new Personalization(firstName, lastName, context, url);
    }
}

package org.patientoutreach.emails.personalization;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a template can pull in: the patient's names, the event a journey invites to, the ids a journey passed
 * along ({@code context}), the sender and the patient's signed unsubscribe link. Any of them may be missing; a
 * missing value renders as an empty string (or as the template's fallback, {@code {{patient.firstName ?: 'there'}}}).
 */
public record Personalization(String firstName, String lastName, EventValues event, Map<String, String> context,
        String senderName, String senderPostalAddress, String unsubscribeUrl) {

    public static final Personalization EMPTY = new Personalization(null, null, null, Map.of(), null, null, null);

    public Personalization {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public static Personalization of(String firstName, String lastName) {
        return EMPTY.withPatient(firstName, lastName);
    }

    public Personalization withPatient(String first, String last) {
        return new Personalization(first, last, event, context, senderName, senderPostalAddress, unsubscribeUrl);
    }

    public Personalization withContext(Map<String, String> values) {
        return new Personalization(firstName, lastName, event, values, senderName, senderPostalAddress,
                unsubscribeUrl);
    }

    public Personalization withEvent(EventValues values) {
        return new Personalization(firstName, lastName, values, context, senderName, senderPostalAddress,
                unsubscribeUrl);
    }

    public Personalization withSender(String name, String postalAddress) {
        return new Personalization(firstName, lastName, event, context, name, postalAddress, unsubscribeUrl);
    }

    /** Previews and test sends belong to no send request, so they carry no signed link. */
    public Personalization withUnsubscribeUrl(String url) {
        return new Personalization(firstName, lastName, event, context, senderName, senderPostalAddress, url);
    }

    /** The template's data: every known token has a key, so an absent value is empty rather than an error. */
    Map<String, Object> data() {
        EventValues e = event == null ? EventValues.NONE : event;
        Map<String, Object> data = new HashMap<>();
        data.put("patient", nullable("firstName", firstName, "lastName", lastName));
        data.put("event", nullable("title", e.title(), "startsAt", e.startsAt(), "endsAt", e.endsAt(),
                "venue", e.venue(), "onlineUrl", e.onlineUrl(), "registrationUrl", e.registrationUrl()));
        data.put("sender", nullable("name", senderName, "postalAddress", senderPostalAddress));
        data.put("context", new AnyKey(context));
        data.put(TemplateRenderer.UNSUBSCRIBE_URL, unsubscribeUrl == null ? "" : unsubscribeUrl);
        return data;
    }

    private static Map<String, Object> nullable(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Context values by key; a key the request did not carry reads as empty, not as a rendering error. */
    private static final class AnyKey extends AbstractMap<String, String> {

        private final Map<String, String> values;

        AnyKey(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public String get(Object key) {
            return values.get(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }
    }
}

package org.patientoutreach.journeys.support;

import java.util.Optional;
import java.util.UUID;

/** Ids that other services send us as strings. */
public final class Ids {

    private Ids() {
    }

    /**
     * The id as a UUID, or an exception naming the field (never the value's owner) so the record goes to the DLQ
     * with a reason someone can act on.
     */
    public static UUID require(String field, String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(field + " is not a UUID"));
    }

    public static Optional<UUID> parse(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}

package org.patientoutreach.events.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.patientoutreach.commons.problem.Problem.FieldError;

/**
 * What an event needs before patients may see it: a description, a venue for IN_PERSON and HYBRID events, an online
 * meeting URL for VIRTUAL and HYBRID events, and an end still ahead. A draft may lack them; publishing (and editing a
 * published event) names each one that is missing.
 */
public final class PublishingRules {

    private PublishingRules() {
    }

    public static List<FieldError> missing(Event event, Instant now) {
        List<FieldError> missing = new ArrayList<>();
        if (blank(event.description)) {
            missing.add(new FieldError("description", "is required to publish: patients read it before registering"));
        }
        if (event.format.hasVenue() && blank(event.location)) {
            missing.add(new FieldError("location", "is required to publish an " + event.format + " event"));
        }
        if (event.format.isOnline() && blank(event.joinUrl)) {
            missing.add(new FieldError("joinUrl", "is required to publish a " + event.format + " event"));
        }
        if (!event.endsAt.isAfter(now)) {
            missing.add(new FieldError("endsAt", "must be in the future to publish"));
        }
        return missing;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

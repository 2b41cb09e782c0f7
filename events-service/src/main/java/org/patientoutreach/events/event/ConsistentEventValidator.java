package org.patientoutreach.events.event;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;

public class ConsistentEventValidator implements ConstraintValidator<ConsistentEvent, EventDefinition> {

    @Override
    public boolean isValid(EventDefinition event, ConstraintValidatorContext context) {
        if (event == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (event.startsAt() != null && event.endsAt() != null && !event.endsAt().isAfter(event.startsAt())) {
            valid = violation(context, "endsAt", "must be after startsAt");
        }
        if (event.timezone() != null && !knownZone(event.timezone())) {
            valid = violation(context, "timezone", "must be an IANA time zone such as America/New_York");
        }
        if (event.format() == EventFormat.VIRTUAL && !httpsUrl(event.joinUrl())) {
            valid = violation(context, "joinUrl", "is required for a VIRTUAL event and must be an https URL");
        }
        if (event.format() == EventFormat.IN_PERSON && (event.location() == null || event.location().isBlank())) {
            valid = violation(context, "location", "is required for an IN_PERSON event");
        }
        return valid;
    }

    private static boolean violation(ConstraintValidatorContext context, String field, String message) {
        context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        return false;
    }

    private static boolean knownZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean httpsUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

package org.patientoutreach.events.event;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        if (event.joinUrl() != null && !httpsUrl(event.joinUrl())) {
            valid = violation(context, "joinUrl", "must be an https URL");
        }
        List<EventSession> sessions = event.sessionsOrNone();
        for (int i = 0; i < sessions.size(); i++) {
            valid &= sessionFits(context, i, sessions.get(i), event);
        }
        Set<String> keys = new HashSet<>();
        List<RegistrationQuestion> questions = event.questionsOrNone();
        for (int i = 0; i < questions.size(); i++) {
            RegistrationQuestion question = questions.get(i);
            if (question == null) {
                continue;
            }
            if (question.key() != null && !keys.add(question.key())) {
                valid = violation(context, "registrationQuestions[" + i + "].key", "is used by another question");
            }
            if (question.type() == QuestionType.CHOICE && question.options().size() < 2) {
                valid = violation(context, "registrationQuestions[" + i + "].options",
                        "a CHOICE question needs at least two options");
            }
        }
        return valid;
    }

    private static boolean sessionFits(ConstraintValidatorContext context, int index, EventSession session,
            EventDefinition event) {
        if (session == null || session.startsAt() == null || session.endsAt() == null) {
            return true;
        }
        String field = "sessions[" + index + "]";
        if (!session.endsAt().isAfter(session.startsAt())) {
            return violation(context, field + ".endsAt", "must be after the session's startsAt");
        }
        if (event.startsAt() != null && session.startsAt().isBefore(event.startsAt())) {
            return violation(context, field + ".startsAt", "must not be before the event starts");
        }
        if (event.endsAt() != null && session.endsAt().isAfter(event.endsAt())) {
            return violation(context, field + ".endsAt", "must not be after the event ends");
        }
        return true;
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

    static boolean httpsUrl(String url) {
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

package org.patientoutreach.triggers.match;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.patientoutreach.schemas.PatientInteraction;

/** Reads the value a condition's {@code field} names from an interaction; null when the interaction lacks it. */
final class FieldAccess {

    static final String ATTRIBUTES = "attributes.";

    private FieldAccess() {
    }

    static Function<PatientInteraction, String> of(String field) {
        if (field == null || field.isBlank()) {
            throw new InvalidCondition("field", "is required");
        }
        String name = field.strip();
        if (name.regionMatches(true, 0, ATTRIBUTES, 0, ATTRIBUTES.length())) {
            String key = name.substring(ATTRIBUTES.length()).strip();
            if (key.isEmpty()) {
                throw new InvalidCondition("field", "names no attribute after 'attributes.'");
            }
            return i -> attribute(i.getAttributes(), key);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "department" -> PatientInteraction::getDepartment;
            case "facility" -> PatientInteraction::getFacility;
            case "source" -> PatientInteraction::getSource;
            case "encounterid" -> PatientInteraction::getEncounterId;
            case "occurredat" -> i -> i.getOccurredAt() == null ? null : i.getOccurredAt().toString();
            default -> throw new InvalidCondition("field",
                    "must be department, facility, source, encounterId, occurredAt or attributes.<key>");
        };
    }

    /** EHRs spell attribute keys inconsistently ("VisitType", "visittype"): an exact key wins, else any case. */
    private static String attribute(Map<String, String> attributes, String key) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        String exact = attributes.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().strip().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}

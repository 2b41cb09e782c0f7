package org.patientoutreach.triggers.intake;

import java.util.Map;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.TriggerConditions;

/**
 * Decides whether an interaction satisfies a trigger's conditions. Pure: no database, no clock. Values are compared
 * trimmed and case-insensitively because EHRs spell departments and facilities inconsistently ("OPHTHALMOLOGY",
 * "Ophthalmology "). The interaction type is not checked here: the intake only loads triggers of the right type.
 */
public final class TriggerMatcher {

    private TriggerMatcher() {
    }

    public static boolean matches(TriggerConditions conditions, PatientInteraction interaction) {
        return same(conditions.department(), interaction.getDepartment())
                && same(conditions.facility(), interaction.getFacility())
                && same(conditions.source(), interaction.getSource())
                && conditions.attributes().entrySet().stream()
                        .allMatch(wanted -> same(wanted.getValue(), valueOf(interaction.getAttributes(), wanted.getKey())));
    }

    /** An absent condition matches anything; a present one needs an equal value. */
    private static boolean same(String condition, String actual) {
        return condition == null || (actual != null && condition.strip().equalsIgnoreCase(actual.strip()));
    }

    private static String valueOf(Map<String, String> attributes, String key) {
        if (attributes == null) {
            return null;
        }
        String exact = attributes.get(key);
        if (exact != null) {
            return exact;
        }
        return attributes.entrySet().stream()
                .filter(e -> e.getKey().strip().equalsIgnoreCase(key.strip()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}

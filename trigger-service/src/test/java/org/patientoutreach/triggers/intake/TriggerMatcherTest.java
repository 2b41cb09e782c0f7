package org.patientoutreach.triggers.intake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.TriggerConditions;

class TriggerMatcherTest {

    private static PatientInteraction interaction(String department, String facility, String source,
            Map<String, String> attributes) {
        return PatientInteraction.newBuilder()
                .setInteractionId("i-1").setPatientId("p-1").setType(InteractionType.CHECKED_IN)
                .setOccurredAt(Instant.parse("2026-01-01T10:00:00Z"))
                .setDepartment(department).setFacility(facility).setSource(source).setAttributes(attributes)
                .build();
    }

    private static final PatientInteraction AT_OPHTHALMOLOGY =
            interaction("Ophthalmology", "Main Street Clinic", "epic", Map.of("visitType", "Follow-up"));

    @Test
    void noConditionsMatchesAnyInteraction() {
        assertTrue(TriggerMatcher.matches(TriggerConditions.ANY, AT_OPHTHALMOLOGY));
        assertTrue(TriggerMatcher.matches(TriggerConditions.ANY, interaction(null, null, null, Map.of())));
    }

    @Test
    void departmentMatchesIgnoringCaseAndSurroundingSpace() {
        var conditions = new TriggerConditions("OPHTHALMOLOGY ", null, null, null);
        assertTrue(TriggerMatcher.matches(conditions, AT_OPHTHALMOLOGY));
    }

    @Test
    void departmentMismatchDoesNotMatch() {
        var conditions = new TriggerConditions("Cardiology", null, null, null);
        assertFalse(TriggerMatcher.matches(conditions, AT_OPHTHALMOLOGY));
    }

    @Test
    void presentConditionDoesNotMatchAnInteractionWithoutThatValue() {
        var conditions = new TriggerConditions("Ophthalmology", null, null, null);
        assertFalse(TriggerMatcher.matches(conditions, interaction(null, "Main Street Clinic", "epic", Map.of())));
    }

    @Test
    void everyConditionMustHold() {
        assertTrue(TriggerMatcher.matches(
                new TriggerConditions("ophthalmology", "main street clinic", "EPIC", null), AT_OPHTHALMOLOGY));
        assertFalse(TriggerMatcher.matches(
                new TriggerConditions("ophthalmology", "Other Clinic", "EPIC", null), AT_OPHTHALMOLOGY));
        assertFalse(TriggerMatcher.matches(
                new TriggerConditions("ophthalmology", "main street clinic", "cerner", null), AT_OPHTHALMOLOGY));
    }

    @Test
    void attributesMatchIgnoringCaseOfKeysAndValues() {
        assertTrue(TriggerMatcher.matches(
                new TriggerConditions(null, null, null, Map.of("VisitType", "follow-up")), AT_OPHTHALMOLOGY));
    }

    @Test
    void attributeWithOtherValueOrMissingDoesNotMatch() {
        assertFalse(TriggerMatcher.matches(
                new TriggerConditions(null, null, null, Map.of("visitType", "new-patient")), AT_OPHTHALMOLOGY));
        assertFalse(TriggerMatcher.matches(
                new TriggerConditions(null, null, null, Map.of("visitType", "Follow-up", "room", "3")),
                AT_OPHTHALMOLOGY));
    }
}

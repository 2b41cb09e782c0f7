package org.patientoutreach.triggers.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.Condition;
import org.patientoutreach.triggers.trigger.Operator;

class CompiledConditionTest {

    private static final PatientInteraction DISCHARGE = PatientInteraction.newBuilder()
            .setInteractionId("i-1").setPatientId("p-1").setType(InteractionType.DISCHARGED)
            .setOccurredAt(Instant.parse("2026-03-01T10:00:00Z"))
            .setDepartment("Cardiology ").setFacility("Main Street Clinic").setSource("epic")
            .setAttributes(Map.of("DischargeDisposition", "06", "lengthOfStayDays", "4.5", "encounterClass", " ",
                    "admittedAt", "2026-02-25T08:00:00+01:00"))
            .build();

    private static boolean holds(Operator op, String field, String value, List<String> values, String min, String max) {
        return CompiledCondition.compile(new Condition(field, op, value, values, min, max)).matches(DISCHARGE);
    }

    @Test
    void equalsIgnoresCaseAndSurroundingSpaceAndFindsAttributeKeysInAnyCase() {
        assertTrue(holds(Operator.EQUALS, "department", " CARDIOLOGY", null, null, null));
        assertTrue(holds(Operator.EQUALS, "attributes.dischargedisposition", "06", null, null, null));
        assertFalse(holds(Operator.EQUALS, "department", "Cardio", null, null, null));
        assertFalse(holds(Operator.EQUALS, "encounterId", "e-1", null, null, null));
    }

    @Test
    void inMatchesAnyListedValueOnly() {
        assertTrue(holds(Operator.IN, "attributes.DischargeDisposition", null, List.of("01", "06"), null, null));
        assertFalse(holds(Operator.IN, "attributes.DischargeDisposition", null, List.of("01", "02"), null, null));
        assertTrue(holds(Operator.IN, "source", null, List.of("EPIC"), null, null));
    }

    @Test
    void prefixMatchesTheStartIgnoringCase() {
        assertTrue(holds(Operator.PREFIX, "facility", "main street", null, null, null));
        assertFalse(holds(Operator.PREFIX, "facility", "Street", null, null, null));
    }

    @Test
    void numericRangeIsInclusiveAndOpenEndedWhenABoundIsMissing() {
        assertTrue(holds(Operator.RANGE, "attributes.lengthOfStayDays", null, null, "2", "4.5"));
        assertTrue(holds(Operator.RANGE, "attributes.lengthOfStayDays", null, null, "4.5", null));
        assertFalse(holds(Operator.RANGE, "attributes.lengthOfStayDays", null, null, null, "4"));
        assertFalse(holds(Operator.RANGE, "department", null, null, "1", "9"), "not a number never matches");
    }

    @Test
    void dateTimeRangeComparesInstantsAcrossOffsets() {
        assertTrue(holds(Operator.RANGE, "occurredAt", null, null, "2026-03-01T10:00:00Z", "2026-03-31T00:00:00Z"));
        assertFalse(holds(Operator.RANGE, "occurredAt", null, null, "2026-03-01T10:00:01Z", null));
        // 08:00+01:00 is 07:00Z
        assertTrue(holds(Operator.RANGE, "attributes.admittedAt", null, null, null, "2026-02-25T07:00:00Z"));
        assertFalse(holds(Operator.RANGE, "attributes.admittedAt", null, null, null, "2026-02-25T06:59:59Z"));
    }

    @Test
    void existsNeedsANonBlankValue() {
        assertTrue(holds(Operator.EXISTS, "attributes.lengthOfStayDays", null, null, null, null));
        assertFalse(holds(Operator.EXISTS, "attributes.encounterClass", null, null, null, null));
        assertFalse(holds(Operator.EXISTS, "attributes.appointmentType", null, null, null, null));
    }

    @Test
    void explanationsSayWhyWithoutEchoingTheInteractionsValue() {
        ConditionResult absent = CompiledCondition.compile(new Condition("encounterId", Operator.EXISTS,
                null, null, null, null)).explain(DISCHARGE);
        assertFalse(absent.matched());
        assertTrue(absent.reason().contains("has no encounterId"), absent.reason());

        ConditionResult above = CompiledCondition.compile(new Condition("attributes.lengthOfStayDays", Operator.RANGE,
                null, null, "1", "3")).explain(DISCHARGE);
        assertEquals("attributes.lengthOfStayDays is above the range [1, 3]", above.reason());

        ConditionResult differs = CompiledCondition.compile(Condition.equalTo("department", "Oncology")).explain(DISCHARGE);
        assertFalse(differs.reason().contains("Cardiology"), differs.reason());
    }

    @Test
    void compilingRefusesBadConditionsNamingThePart() {
        assertEquals("field", assertThrows(InvalidCondition.class,
                () -> CompiledCondition.compile(Condition.equalTo("ward", "3"))).part());
        assertEquals("values", assertThrows(InvalidCondition.class, () -> CompiledCondition.compile(
                new Condition("department", Operator.IN, null, List.of(), null, null))).part());
        assertEquals("values[1]", assertThrows(InvalidCondition.class, () -> CompiledCondition.compile(
                new Condition("department", Operator.IN, null, List.of("a", " "), null, null))).part());
        assertEquals("max", assertThrows(InvalidCondition.class, () -> CompiledCondition.compile(
                new Condition("occurredAt", Operator.RANGE, null, null, "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z")))
                .part());
    }
}

package org.patientoutreach.triggers.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.Condition;
import org.patientoutreach.triggers.trigger.Operator;

class TriggerCandidatesTest {

    private static CompiledTrigger trigger(String name, Condition... conditions) {
        return new CompiledTrigger(UUID.randomUUID(), name,
                List.of(conditions).stream().map(CompiledCondition::compile).toList(), null);
    }

    private static Condition in(String field, String... values) {
        return new Condition(field, Operator.IN, null, List.of(values), null, null);
    }

    private static PatientInteraction checkIn(String department, Map<String, String> attributes) {
        return PatientInteraction.newBuilder()
                .setInteractionId("i-1").setPatientId("p-1").setType(InteractionType.CHECKED_IN)
                .setOccurredAt(Instant.parse("2026-03-01T10:00:00Z")).setDepartment(department)
                .setAttributes(attributes).build();
    }

    private static List<String> names(List<CompiledTrigger> triggers) {
        return triggers.stream().map(CompiledTrigger::name).toList();
    }

    @Test
    void offersOnlyTriggersWhoseEqualsOrInValueTheInteractionHasPlusThoseWithoutSuchCondition() {
        List<CompiledTrigger> triggers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            triggers.add(trigger("dept " + i, Condition.equalTo("department", "Dept " + i),
                    new Condition("facility", Operator.PREFIX, "Main", null, null, null)));
        }
        triggers.add(trigger("any facility", new Condition("facility", Operator.PREFIX, "Main", null, null, null)));
        triggers.add(trigger("visit", in("attributes.VisitType", "new", "Follow-up")));
        TriggerCandidates candidates = new TriggerCandidates(triggers);

        assertEquals(List.of("dept 7", "any facility"), names(candidates.candidatesFor(checkIn(" DEPT 7 ", Map.of()))));
        assertEquals(List.of("dept 7", "any facility", "visit"),
                names(candidates.candidatesFor(checkIn("dept 7", Map.of("visittype", "FOLLOW-UP")))));
        assertEquals(List.of("any facility"), names(candidates.candidatesFor(checkIn("Radiology", Map.of()))));
    }

    @Test
    void anInteractionWithoutTheIndexedFieldMeetsOnlyTheUnindexedTriggers() {
        TriggerCandidates candidates = new TriggerCandidates(List.of(
                trigger("cardiology", Condition.equalTo("department", "Cardiology")),
                trigger("exists", new Condition("department", Operator.EXISTS, null, null, null, null))));

        assertEquals(List.of("exists"), names(candidates.candidatesFor(checkIn(null, Map.of()))));
        assertEquals(List.of("exists"), names(candidates.candidatesFor(checkIn("  ", Map.of()))));
    }

    @Test
    void keysATriggerOnItsMostSelectiveConditionAndKeepsTheGivenOrder() {
        TriggerCandidates candidates = new TriggerCandidates(List.of(
                trigger("second", in("attributes.visitType", "new", "follow-up"), Condition.equalTo("department", "ENT")),
                trigger("first", Condition.equalTo("department", "ent"))));

        assertEquals(List.of("second", "first"),
                names(candidates.candidatesFor(checkIn("ENT", Map.of("visitType", "other")))));
        assertEquals(List.of(), names(candidates.candidatesFor(checkIn("Cardiology", Map.of("visitType", "new")))));
    }
}

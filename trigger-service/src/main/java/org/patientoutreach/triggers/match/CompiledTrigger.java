package org.patientoutreach.triggers.match;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.patientoutreach.schemas.PatientInteraction;

/** A trigger ready for matching: its conditions compiled, its de-duplication window resolved. */
public record CompiledTrigger(UUID id, String name, List<CompiledCondition> conditions, Duration dedupWindow) {

    /** Every condition holds. The interaction type is not checked here: the index only offers triggers of the type. */
    public boolean matches(PatientInteraction interaction) {
        for (CompiledCondition condition : conditions) {
            if (!condition.matches(interaction)) {
                return false;
            }
        }
        return true;
    }

    public List<ConditionResult> explain(PatientInteraction interaction) {
        return conditions.stream().map(c -> c.explain(interaction)).toList();
    }
}

package org.patientoutreach.triggers.match;

import java.util.List;
import java.util.UUID;
import org.patientoutreach.triggers.trigger.TriggerStatus;

/**
 * One trigger's verdict on a sample interaction. {@code matched}: it listens to the type and every condition holds;
 * {@code wouldFire}: matched and ACTIVE (a real interaction could still be held back by the de-duplication window).
 */
public record TriggerEvaluation(
        UUID triggerId,
        String name,
        TriggerStatus status,
        boolean listensToType,
        boolean matched,
        boolean wouldFire,
        List<ConditionResult> conditions) {
}

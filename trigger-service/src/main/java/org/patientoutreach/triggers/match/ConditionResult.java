package org.patientoutreach.triggers.match;

import org.patientoutreach.triggers.trigger.Operator;

/** Whether one condition held for a sample interaction, and why. */
public record ConditionResult(String field, Operator operator, boolean matched, String reason) {
}

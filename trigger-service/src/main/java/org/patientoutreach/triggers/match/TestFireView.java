package org.patientoutreach.triggers.match;

import java.util.List;

/** Every draft and active trigger's verdict on a sample interaction, those that match first. */
public record TestFireView(int evaluated, int matched, int wouldFire, List<TriggerEvaluation> triggers) {
}

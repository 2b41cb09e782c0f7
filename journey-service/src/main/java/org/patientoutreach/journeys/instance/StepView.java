package org.patientoutreach.journeys.instance;

import java.time.Instant;
import java.util.UUID;

/** One line of an instance's history as the API returns it. */
public record StepView(String nodeId, StepOutcome outcome, String detail, UUID requestId, Instant at) {

    static StepView of(InstanceStep step) {
        return new StepView(step.nodeId, step.outcome, step.detail, step.requestId, step.at);
    }
}

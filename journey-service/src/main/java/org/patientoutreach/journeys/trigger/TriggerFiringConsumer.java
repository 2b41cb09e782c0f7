package org.patientoutreach.journeys.trigger;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.instance.JourneyRunner;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.commons.inbox.Polls;
import org.patientoutreach.schemas.TriggerFired;

/**
 * When a trigger fires for a patient (triggers.fired): the patient leaves every journey that exits on this trigger,
 * then enters every LIVE TRIGGER journey of it whose attribute conditions the firing meets.
 *
 * <p>A poll is taken at a time, in one transaction with a fixed handful of statements (inbox, exits, one insert per
 * journey entered): with one transaction per firing the consumer fell minutes behind at 50 check-ins a second. The
 * new instances are due at once, and the runner starts them in batches right after the commit.
 */
@ApplicationScoped
public class TriggerFiringConsumer {

    static final String CHANNEL = "trigger-firings";

    private final Polls polls;
    private final FiringEffects effects;
    private final JourneyRunner runner;

    @Inject
    public TriggerFiringConsumer(Polls polls, FiringEffects effects, JourneyRunner runner) {
        this.polls = polls;
        this.effects = effects;
        this.runner = runner;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onFired(KafkaRecordBatch<String, TriggerFired> batch) {
        if (polls.process(CHANNEL, batch, TriggerFiringConsumer::problemOf, TriggerFired::getFiringId, effects::apply) > 0) {
            runner.wake();
        }
        return polls.done(batch);
    }

    /** Avro guarantees the fields are there, not that they are usable. Reasons name the field, never a value. */
    static String problemOf(TriggerFired firing) {
        if (firing.getFiringId().isBlank()) {
            return "firingId is blank";
        }
        if (firing.getPatientId().isBlank()) {
            return "patientId is blank";
        }
        return Ids.parse(firing.getTriggerId()).isPresent() ? null : "triggerId is not a UUID";
    }

    /** Every condition names an attribute the firing carries with exactly that value. */
    static boolean meets(Map<String, String> conditions, Map<String, String> attributes) {
        return conditions.entrySet().stream().allMatch(c -> c.getValue().equals(attributes.get(c.getKey())));
    }

    /** The trigger's attributes (ids such as eventId, by contract) plus the ids of the firing itself. */
    static Map<String, String> contextOf(TriggerFired firing) {
        Map<String, String> context = new HashMap<>(firing.getAttributes());
        context.put("triggerId", firing.getTriggerId());
        context.put("firingId", firing.getFiringId());
        context.put("interactionId", firing.getInteractionId());
        context.put("interactionType", firing.getInteractionType());
        return context;
    }
}

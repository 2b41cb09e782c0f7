package org.patientoutreach.journeys.trigger;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.journeys.instance.Enrollment;
import org.patientoutreach.journeys.instance.Instances;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.TriggerFired;

/**
 * When a trigger fires for a patient (triggers.fired): the patient leaves every journey that exits on this trigger,
 * then enters every LIVE TRIGGER journey of it whose attribute conditions the firing meets.
 */
@ApplicationScoped
public class TriggerFiringConsumer {

    static final String CHANNEL = "trigger-firings";

    private final Inbox inbox;
    private final Enrollment enrollment;
    private final Instances instances;

    @Inject
    public TriggerFiringConsumer(Inbox inbox, Enrollment enrollment, Instances instances) {
        this.inbox = inbox;
        this.enrollment = enrollment;
        this.instances = instances;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onFired(TriggerFired firing) {
        if (!inbox.firstDelivery(CHANNEL, firing.getFiringId())) {
            return;
        }
        UUID triggerId = Ids.require("triggerId", firing.getTriggerId());
        instances.exitOnTrigger(triggerId, firing.getPatientId());
        Map<String, String> context = contextOf(firing);
        for (Journey journey : Journey.enrollingFromTrigger(triggerId)) {
            if (meets(journey.entryConditions, firing.getAttributes())) {
                enrollment.enroll(journey, firing.getPatientId(), "firing:" + firing.getFiringId(), context);
            }
        }
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

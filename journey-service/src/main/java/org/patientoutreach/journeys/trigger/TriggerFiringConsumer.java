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
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.TriggerFired;

/** Starts every LIVE TRIGGER journey of a trigger when it fires for a patient (triggers.fired). */
@ApplicationScoped
public class TriggerFiringConsumer {

    static final String CHANNEL = "trigger-firings";

    private final Inbox inbox;
    private final Enrollment enrollment;

    @Inject
    public TriggerFiringConsumer(Inbox inbox, Enrollment enrollment) {
        this.inbox = inbox;
        this.enrollment = enrollment;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onFired(TriggerFired firing) {
        if (!inbox.firstDelivery(CHANNEL, firing.getFiringId())) {
            return;
        }
        UUID triggerId = Ids.require("triggerId", firing.getTriggerId());
        Map<String, String> context = contextOf(firing);
        for (Journey journey : Journey.liveForTrigger(triggerId)) {
            enrollment.enroll(journey, firing.getPatientId(), "firing:" + firing.getFiringId(), context);
        }
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

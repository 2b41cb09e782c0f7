package org.patientoutreach.journeys.delivery;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.journeys.instance.InstanceStep;
import org.patientoutreach.journeys.instance.Instances;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;

/**
 * Records what happened to the emails journey steps requested (emails.delivery-events), for stats and if/then
 * branches; an open or click wakes the instance if it waits at a branch.
 */
@ApplicationScoped
public class DeliveryEventConsumer {

    static final String CHANNEL = "email-delivery";
    private static final Logger LOG = Logger.getLogger(DeliveryEventConsumer.class);

    private final Inbox inbox;
    private final Instances instances;

    @Inject
    public DeliveryEventConsumer(Inbox inbox, Instances instances) {
        this.inbox = inbox;
        this.instances = instances;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onDelivery(EmailDeliveryEvent event) {
        if (!inbox.firstDelivery(CHANNEL, event.getEventId())) {
            return;
        }
        // Emails sent outside journeys (test sends, other services) share the topic: they are not ours to count.
        Optional<InstanceStep> step = Ids.parse(event.getRequestId()).flatMap(InstanceStep::byRequestId);
        if (step.isEmpty()) {
            LOG.debugf("delivery event %s is not for a journey step", event.getEventId());
            return;
        }
        EmailDelivery delivery = new EmailDelivery();
        delivery.eventId = event.getEventId();
        delivery.requestId = step.get().requestId;
        delivery.journeyId = step.get().journeyId;
        delivery.instanceId = step.get().instanceId;
        delivery.nodeId = step.get().nodeId;
        delivery.type = event.getType();
        delivery.reason = event.getReason();
        delivery.occurredAt = event.getAt();
        delivery.persist();
        if (event.getType() == DeliveryEventType.OPENED || event.getType() == DeliveryEventType.CLICKED) {
            instances.wakeBranches(step.get().instanceId);
        }
    }
}

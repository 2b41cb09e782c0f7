package org.patientoutreach.journeys.registration;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.EventRegistrationChanged;

/** Projects registration changes from events-service (events.registrations). */
@ApplicationScoped
public class RegistrationConsumer {

    static final String CHANNEL = "event-registrations";

    private final Inbox inbox;
    private final EventRegistrations registrations;

    @Inject
    public RegistrationConsumer(Inbox inbox, EventRegistrations registrations) {
        this.inbox = inbox;
        this.registrations = registrations;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onChange(EventRegistrationChanged change) {
        if (!inbox.firstDelivery(CHANNEL, change.getChangeId())) {
            return;
        }
        registrations.apply(Ids.require("eventId", change.getEventId()), change.getPatientId(),
                change.getRegistrationId(), change.getStatus(), change.getAt());
    }
}

package org.patientoutreach.journeys.registration;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import java.util.List;
import java.util.UUID;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.journeys.instance.Instances;
import org.patientoutreach.journeys.journey.Interaction;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.schemas.RegistrationStatus;

/**
 * Projects registration changes from events-service (events.registrations), wakes the patient's branches that wait
 * for an interaction, and marks the goal reached in journeys whose goal this registration meets.
 */
@ApplicationScoped
public class RegistrationConsumer {

    static final String CHANNEL = "event-registrations";

    private final Inbox inbox;
    private final EventRegistrations registrations;
    private final Instances instances;

    @Inject
    public RegistrationConsumer(Inbox inbox, EventRegistrations registrations, Instances instances) {
        this.inbox = inbox;
        this.registrations = registrations;
        this.instances = instances;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onChange(EventRegistrationChanged change) {
        if (!inbox.firstDelivery(CHANNEL, change.getChangeId())) {
            return;
        }
        UUID eventId = Ids.require("eventId", change.getEventId());
        registrations.apply(eventId, change.getPatientId(), change.getRegistrationId(), change.getStatus(),
                change.getAt());
        instances.wakeBranches(change.getPatientId());
        instances.reachGoal(eventId, change.getPatientId(), goalsMetBy(change.getStatus()));
    }

    static List<Interaction> goalsMetBy(RegistrationStatus status) {
        return switch (status) {
            case REGISTERED -> List.of(Interaction.EVENT_REGISTERED);
            case CHECKED_IN -> List.of(Interaction.EVENT_REGISTERED, Interaction.EVENT_ATTENDED);
            default -> List.of();
        };
    }
}

package org.patientoutreach.events.registration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.events.EventsConfig;
import org.patientoutreach.schemas.EventRegistrationChanged;

/** Publishes a registration's new status through the outbox, in the transaction that changed it. */
@ApplicationScoped
class RegistrationChanges {

    private final Outbox outbox;
    private final EventsConfig config;

    RegistrationChanges(Outbox outbox, EventsConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    void publish(Registration registration) {
        outbox.publish(config.registrationsTopic(), registration.patientId, EventRegistrationChanged.newBuilder()
                .setChangeId(UUID.randomUUID().toString())
                .setRegistrationId(registration.id.toString())
                .setEventId(registration.eventId.toString())
                .setPatientId(registration.patientId)
                .setStatus(org.patientoutreach.schemas.RegistrationStatus.valueOf(registration.status.name()))
                .setAt(registration.updatedAt)
                .build());
    }
}

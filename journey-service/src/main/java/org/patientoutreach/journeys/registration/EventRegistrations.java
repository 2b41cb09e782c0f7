package org.patientoutreach.journeys.registration;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.schemas.RegistrationStatus;

/**
 * The local projection of event registrations (table event_registration): the latest status of each patient at
 * each event, which journey branch conditions will read.
 */
@ApplicationScoped
public class EventRegistrations {

    /** Stores the change unless a later one for the same event and patient is already stored. */
    public void apply(UUID eventId, String patientId, String registrationId, RegistrationStatus status, Instant at) {
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO event_registration (event_id, patient_id, registration_id, status, changed_at)
                VALUES (:eventId, :patientId, :registrationId, :status, :at)
                ON CONFLICT (event_id, patient_id) DO UPDATE
                SET registration_id = EXCLUDED.registration_id, status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
                WHERE event_registration.changed_at <= EXCLUDED.changed_at""")
                .setParameter("eventId", eventId)
                .setParameter("patientId", patientId)
                .setParameter("registrationId", registrationId)
                .setParameter("status", status.name())
                .setParameter("at", at)
                .executeUpdate();
    }

    public Optional<RegistrationStatus> statusOf(UUID eventId, String patientId) {
        @SuppressWarnings("unchecked")
        List<String> rows = Panache.getEntityManager().createNativeQuery("""
                SELECT status FROM event_registration WHERE event_id = :eventId AND patient_id = :patientId""")
                .setParameter("eventId", eventId)
                .setParameter("patientId", patientId)
                .getResultList();
        return rows.stream().findFirst().map(RegistrationStatus::valueOf);
    }
}

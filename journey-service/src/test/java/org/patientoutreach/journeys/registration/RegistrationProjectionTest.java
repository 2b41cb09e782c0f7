package org.patientoutreach.journeys.registration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.journeys.Fixtures.patientId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.schemas.RegistrationStatus;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class RegistrationProjectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC = "events.registrations";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    EventRegistrations registrations;

    @Test
    void latestStatusPerEventAndPatientWinsEvenWhenAnOlderChangeArrivesLate() {
        UUID eventId = UUID.randomUUID();
        UUID sentinelEvent = UUID.randomUUID();
        String patientId = patientId();
        String registrationId = UUID.randomUUID().toString();
        Instant registeredAt = Instant.now().minusSeconds(60);

        kafka.send(TOPIC, patientId, change(eventId, patientId, registrationId, RegistrationStatus.REGISTERED, registeredAt));
        kafka.send(TOPIC, patientId, change(eventId, patientId, registrationId, RegistrationStatus.CHECKED_IN,
                registeredAt.plusSeconds(30)));
        await().atMost(TIMEOUT).until(() -> statusOf(eventId, patientId),
                s -> s.equals(Optional.of(RegistrationStatus.CHECKED_IN)));

        kafka.send(TOPIC, patientId, change(eventId, patientId, registrationId, RegistrationStatus.WAITLISTED,
                registeredAt.plusSeconds(10)));
        // Same key, same partition: once the sentinel is stored, the late change was consumed before it.
        kafka.send(TOPIC, patientId, change(sentinelEvent, patientId, UUID.randomUUID().toString(),
                RegistrationStatus.REGISTERED, Instant.now()));
        await().atMost(TIMEOUT).until(() -> statusOf(sentinelEvent, patientId).isPresent());

        assertEquals(Optional.of(RegistrationStatus.CHECKED_IN), statusOf(eventId, patientId));
    }

    private Optional<RegistrationStatus> statusOf(UUID eventId, String patientId) {
        return QuarkusTransaction.requiringNew().call(() -> registrations.statusOf(eventId, patientId));
    }

    private static EventRegistrationChanged change(UUID eventId, String patientId, String registrationId,
            RegistrationStatus status, Instant at) {
        return EventRegistrationChanged.newBuilder()
                .setChangeId(UUID.randomUUID().toString())
                .setRegistrationId(registrationId)
                .setEventId(eventId.toString())
                .setPatientId(patientId)
                .setStatus(status)
                .setAt(at)
                .build();
    }
}

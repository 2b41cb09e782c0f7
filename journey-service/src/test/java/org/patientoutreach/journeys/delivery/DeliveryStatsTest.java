package org.patientoutreach.journeys.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.as;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class DeliveryStatsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DELIVERIES = "emails.delivery-events";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void deliveryEventsAreRecordedPerStepOnceAndCountedInStats() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()));
        EmailSendRequested request;
        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            request = (EmailSendRequested) requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT).value();
        }

        EmailDeliveryEvent sent = delivery(request, DeliveryEventType.SENT);
        kafka.send(DELIVERIES, patientId, sent);
        kafka.send(DELIVERIES, patientId, sent);
        EmailDeliveryEvent opened = delivery(request, DeliveryEventType.OPENED);
        kafka.send(DELIVERIES, patientId, opened);

        // Same key, same partition: once OPENED is stored, both copies of SENT were consumed before it.
        await().atMost(TIMEOUT).until(() -> rows(opened.getEventId()) == 1);
        long sentRows = QuarkusTransaction.requiringNew().call(() -> EmailDelivery.count(
                "requestId = ?1 and type = ?2", UUID.fromString(request.getRequestId()), DeliveryEventType.SENT));
        assertEquals(1, sentRows);
        EmailDelivery stored = QuarkusTransaction.requiringNew().call(() -> EmailDelivery.findById(sent.getEventId()));
        assertEquals(UUID.fromString(request.getInstanceId()), stored.instanceId);
        assertEquals("n1", stored.nodeId);

        // counts only: what an analyst reads
        as(Roles.ANALYST).when().get("/api/journeys/" + journeyId + "/stats")
                .then().statusCode(200)
                .body("entered", equalTo(1))
                .body("completed", equalTo(1))
                .body("emailsRequested", equalTo(1))
                .body("emailsSent", equalTo(1))
                .body("emailsSuppressed", equalTo(0));
    }

    private static long rows(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> EmailDelivery.count("eventId", eventId));
    }

    private static EmailDeliveryEvent delivery(EmailSendRequested request, DeliveryEventType type) {
        return EmailDeliveryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setEmailId(request.getEmailId())
                .setPatientId(request.getPatientId())
                .setJourneyId(request.getJourneyId())
                .setInstanceId(request.getInstanceId())
                .setType(type)
                .setAt(Instant.now())
                .build();
    }
}

package org.patientoutreach.journeys.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.instances;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.patientoutreach.journeys.instance.JourneyExecutor;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class TriggerEntryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void firingStartsTheTriggerJourneyWithTheFiringInItsContext() {
        UUID triggerId = UUID.randomUUID();
        UUID emailId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(triggerEntry(triggerId), emailId));
        UUID otherJourney = createLive(sendAndExit(triggerEntry(UUID.randomUUID()), emailId));
        TriggerFired firing = firing(triggerId, patientId, Map.of("eventId", eventId));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing);

            var request = (EmailSendRequested) requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT).value();
            UUID instanceId = UUID.fromString(request.getInstanceId());
            assertEquals(JourneyExecutor.requestId(instanceId, "n1").toString(), request.getRequestId());
            assertEquals(emailId.toString(), request.getEmailId());
            assertEquals(eventId, request.getContext().get("eventId"));
            assertEquals(triggerId.toString(), request.getContext().get("triggerId"));
            assertEquals(firing.getFiringId(), request.getContext().get("firingId"));
            assertEquals(firing.getInteractionId(), request.getContext().get("interactionId"));
        }
        assertEquals(List.of(), instances(otherJourney, patientId), "another trigger's journey is not entered");
    }

    @Test
    void sameFiringTwiceStartsOneInstanceButEachFiringReenters() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()));
        TriggerFired first = firing(triggerId, patientId, Map.of());
        TriggerFired second = firing(triggerId, patientId, Map.of());

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, first);
            kafka.send(FIRINGS, patientId, first);
            kafka.send(FIRINGS, patientId, second);

            requests.await(r -> isRequest(r, journeyId, patientId)
                    && ((EmailSendRequested) r.value()).getContext().get("firingId").equals(second.getFiringId()), TIMEOUT);
            List<String> requestIds = requests.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> isRequest(r, journeyId, patientId))
                    .map(r -> ((EmailSendRequested) r.value()).getRequestId())
                    .toList();
            assertEquals(2, requestIds.size(), requestIds.toString());
            assertNotEquals(requestIds.get(0), requestIds.get(1));
        }
        assertEquals(2, instances(journeyId, patientId).size());
    }

    @Test
    void unusableFiringsAreDeadLetteredWhileTheFiringsAroundThemEnterTheJourney() {
        UUID triggerId = UUID.randomUUID();
        String before = patientId();
        String after = patientId();
        String poisonKey = "poison-" + UUID.randomUUID();
        UUID journeyId = createLive(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()));
        TriggerFired badTrigger = TriggerFired.newBuilder(firing(triggerId, after, Map.of())).setTriggerId("trigger-7")
                .build();

        try (var dlq = kafka.subscribe(FIRINGS + ".dlq"); var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, before, firing(triggerId, before, Map.of()));
            kafka.sendPoison(FIRINGS, poisonKey, "not avro".getBytes(StandardCharsets.UTF_8));
            kafka.send(FIRINGS, after, badTrigger);
            kafka.send(FIRINGS, after, firing(triggerId, after, Map.of()));

            requests.await(r -> isRequest(r, journeyId, before), TIMEOUT);
            requests.await(r -> isRequest(r, journeyId, after), TIMEOUT);
            dlq.await(r -> poisonKey.equals(r.key()), TIMEOUT);
            Header reason = dlq.await(r -> after.equals(r.key()), TIMEOUT).headers().lastHeader("dead-letter-reason");
            assertEquals("triggerId is not a UUID", new String(reason.value(), StandardCharsets.UTF_8));
        }
    }
}

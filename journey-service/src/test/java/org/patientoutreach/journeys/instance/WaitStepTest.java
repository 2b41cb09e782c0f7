package org.patientoutreach.journeys.instance;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.activate;
import static org.patientoutreach.journeys.Fixtures.asMarketer;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.instances;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class WaitStepTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    private static Map<String, Object> waitThenSend(UUID triggerId, String duration) {
        return definition(triggerEntry(triggerId), List.of(
                Map.of("id", "n1", "type", "WAIT", "duration", duration, "next", "n2"),
                Map.of("id", "n2", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n3"),
                Map.of("id", "n3", "type", "EXIT")));
    }

    @Test
    void instanceWaitsThenResumesAndCompletes() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(waitThenSend(triggerId, "PT2S"));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));

            Map<String, Object> waiting = await().atMost(TIMEOUT)
                    .until(() -> single(journeyId, patientId), i -> i != null && "WAITING".equals(i.get("status")));
            assertEquals("n1", waiting.get("currentNodeId"));
            Instant wakeAt = Instant.parse((String) waiting.get("wakeAt"));
            assertTrue(requests.drain(Duration.ofMillis(500)).stream().noneMatch(r -> isRequest(r, journeyId, patientId)),
                    "nothing is sent while waiting");

            requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
            assertFalse(Instant.now().isBefore(wakeAt), "sent only after the wait ended");
        }
        Map<String, Object> done = await().atMost(TIMEOUT)
                .until(() -> single(journeyId, patientId), i -> "COMPLETED".equals(i.get("status")));
        assertNotNull(done.get("completedAt"));
        asMarketer().when().get("/api/journeys/" + journeyId + "/stats")
                .then().statusCode(200)
                .body("entered", equalTo(1))
                .body("inProgress", equalTo(0))
                .body("completed", equalTo(1))
                .body("emailsRequested", equalTo(1));
    }

    @Test
    void pausedJourneyKeepsItsInstancesWaitingUntilReactivated() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(waitThenSend(triggerId, "PT2S"));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            await().atMost(TIMEOUT).until(() -> single(journeyId, patientId), i -> i != null);
            asMarketer().when().post("/api/journeys/" + journeyId + "/pause").then().statusCode(200);

            assertTrue(requests.drain(Duration.ofSeconds(3)).stream().noneMatch(r -> isRequest(r, journeyId, patientId)));
            assertEquals("WAITING", single(journeyId, patientId).get("status"));

            activate(journeyId);
            requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
        }
    }

    private static Map<String, Object> single(UUID journeyId, String patientId) {
        List<Map<String, Object>> instances = instances(journeyId, patientId);
        return instances.isEmpty() ? null : instances.get(0);
    }
}

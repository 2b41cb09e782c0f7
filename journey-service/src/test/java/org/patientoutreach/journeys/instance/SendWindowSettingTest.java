package org.patientoutreach.journeys.instance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.asMarketer;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;
import static org.patientoutreach.journeys.Fixtures.with;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.SendWindow;
import org.patientoutreach.testing.KafkaTestClient;

/** A journey's send window: kept with the journey, validated, and carried by every email request it makes. */
@QuarkusTest
class SendWindowSettingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    private static Map<String, Object> sendOnce(UUID triggerId) {
        return definition(triggerEntry(triggerId), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "x"),
                Map.of("id", "x", "type", "EXIT")));
    }

    private static Map<String, Object> window(List<String> days, String from, String until) {
        return Map.of("settings", Map.of("sendWindow", Map.of("days", days, "from", from, "until", until)));
    }

    @Test
    void everyEmailOfAJourneyWithASendWindowCarriesItAndOneWithoutCarriesNone() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID windowed = createLive(with(sendOnce(triggerId), window(List.of("FRIDAY", "MONDAY", "MONDAY"), "09:00",
                "17:30")));
        UUID anyTime = createLive(sendOnce(triggerId));
        asMarketer().get("/api/journeys/{id}", windowed).then().statusCode(200)
                .body("settings.sendWindow.days", equalTo(List.of("MONDAY", "FRIDAY")))
                .body("settings.sendWindow.from", startsWith("09:00"))
                .body("settings.sendWindow.until", startsWith("17:30"));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            EmailSendRequested request = (EmailSendRequested) requests
                    .await(r -> isRequest(r, windowed, patientId, "n1"), TIMEOUT).value();
            SendWindow window = request.getSendWindow();
            assertEquals(List.of(1, 5), window.getDays(), "ISO days, Monday 1, once each");
            assertEquals(9 * 60, window.getFromMinute());
            assertEquals(17 * 60 + 30, window.getUntilMinute());
            assertNull(((EmailSendRequested) requests.await(r -> isRequest(r, anyTime, patientId, "n1"), TIMEOUT)
                    .value()).getSendWindow());
        }
    }

    @Test
    void aWindowThatClosesBeforeItOpensOrHasNoDaysIsRefusedNamingTheField() {
        post(with(sendOnce(UUID.randomUUID()), window(List.of("MONDAY"), "17:00", "09:00"))).statusCode(400)
                .body("errors.field", equalTo(List.of("settings.sendWindow.until")));
        post(with(sendOnce(UUID.randomUUID()), window(List.of("MONDAY"), "09:00", "09:00:30"))).statusCode(400)
                .body("errors.field", equalTo(List.of("settings.sendWindow.until")));
        post(with(sendOnce(UUID.randomUUID()), window(List.of(), "09:00", "17:00"))).statusCode(400)
                .body("errors.field", equalTo(List.of("settings.sendWindow.days")));
    }

    private static io.restassured.response.ValidatableResponse post(Map<String, Object> journey) {
        return asMarketer().contentType(ContentType.JSON).body(journey).when().post("/api/journeys").then()
                .contentType("application/problem+json");
    }
}

package org.patientoutreach.events.invitation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.events.EventApi.asCoordinator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.links.LinksConfig;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.events.EventsConfig;
import org.patientoutreach.testing.DevTokens;

/** Invitation links issued by staff and followed by patients, and the links that must register nobody. */
@QuarkusTest
class PublicRegistrationTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    LinksConfig linksConfig;
    @Inject
    EventsConfig eventsConfig;

    private static JsonPath invite(String eventId, String patientId) {
        return given().auth().oauth2(DevTokens.forRole("marketer")).contentType(ContentType.JSON)
                .body(Map.of("patientId", patientId))
                .when().post("/api/events/{id}/invitations", eventId)
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anInvitationLinkRegistersItsPatientOnceAndAnswersWithoutAnyId() {
        String eventId = EventApi.createPublishedEvent(1);
        String patient = "patient-" + UUID.randomUUID();
        JsonPath invitation = invite(eventId, patient);
        String url = invitation.getString("url");
        assertTrue(url.startsWith(eventsConfig.publicBaseUrl() + "/api/public/events/" + eventId
                + "/registrations?token="), url);
        assertTrue(url.endsWith("token=" + invitation.getString("token")));
        // The event is a week away, the default lifetime 30 days: the longer one wins.
        Instant expected = Instant.now().plus(linksConfig.defaultTtl());
        Instant expiresAt = Instant.parse(invitation.getString("expiresAt"));
        assertTrue(Duration.between(expiresAt, expected).abs().compareTo(Duration.ofMinutes(1)) < 0, "" + expiresAt);

        given().when().post(local(url)).then().statusCode(201).contentType(ContentType.JSON)
                .body("$", aMapWithSize(2))
                .body("status", equalTo("REGISTERED")).body("waitlistPosition", nullValue());
        given().when().post(local(url)).then().statusCode(200).body("status", equalTo("REGISTERED"));

        asCoordinator().when().get("/api/events/{id}/registrations", eventId).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].patientId", equalTo(patient));

        // Same rules as staff registration: the only seat is taken, the next patient waits.
        given().when().post(local(invite(eventId, "patient-" + UUID.randomUUID()).getString("url")))
                .then().statusCode(201).body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(1));
    }

    @Test
    void anInvitationToAnEventBeyondTheDefaultLifetimeIsValidUntilTheEventStarts() {
        Map<String, Object> body = EventApi.virtualEvent(10);
        Instant start = Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plus(1, ChronoUnit.HOURS).toString());
        String eventId = EventApi.publish(asCoordinator().contentType(ContentType.JSON).body(body)
                .when().post("/api/events").then().statusCode(201).extract().path("id"));

        assertEquals(start, Instant.parse(invite(eventId, "patient-" + UUID.randomUUID()).getString("expiresAt")));
    }

    @Test
    void forgedAlteredExpiredMisdirectedAndMissingLinksRegisterNobody() {
        String eventId = EventApi.createPublishedEvent(10);
        String otherEventId = EventApi.createPublishedEvent(10);
        String patient = "patient-" + UUID.randomUUID();
        String secret = linksConfig.secret().orElseThrow();
        String valid = invite(eventId, patient).getString("token");
        String forged = new SignedLinks("an-attackers-own-secret-that-is-long-enough-42", Duration.ofDays(1),
                Clock.systemUTC()).issue(Invitations.PURPOSE, patient, eventId);
        String expired = new SignedLinks(secret, Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(2, ChronoUnit.DAYS), ZoneOffset.UTC))
                .issue(Invitations.PURPOSE, patient, eventId);
        String wrongPurpose = new SignedLinks(secret, Duration.ofDays(1), Clock.systemUTC())
                .issue("unsubscribe", patient, eventId);

        refused(eventId, forged, 400);
        refused(eventId, altered(valid), 400);
        refused(eventId, expired, 410);
        refused(eventId, wrongPurpose, 403);
        refused(otherEventId, valid, 403);
        refused(eventId, null, 400);
        refused(eventId, "", 400);

        for (String event : new String[] { eventId, otherEventId }) {
            asCoordinator().when().get("/api/events/{id}/registrations", event).then().statusCode(200)
                    .body("total", equalTo(0));
        }
    }

    @Test
    void invitationsNeedAPublishedEventAndAUsablePatientId() {
        given().auth().oauth2(DevTokens.forRole("event-coordinator")).contentType(ContentType.JSON)
                .body(Map.of("patientId", "p-1")).when().post("/api/events/{id}/invitations", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        String eventId = EventApi.createPublishedEvent(5);
        given().auth().oauth2(DevTokens.forRole("event-coordinator")).contentType(ContentType.JSON)
                .body(Map.of("patientId", "a|b")).when().post("/api/events/{id}/invitations", eventId)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("patientId"));
        asCoordinator().when().post("/api/events/{id}/cancel", eventId).then().statusCode(200);
        given().auth().oauth2(DevTokens.forRole("event-coordinator")).contentType(ContentType.JSON)
                .body(Map.of("patientId", "p-1")).when().post("/api/events/{id}/invitations", eventId)
                .then().statusCode(409).contentType(PROBLEM);
        String draft = EventApi.createEvent(5);
        given().auth().oauth2(DevTokens.forRole("event-coordinator")).contentType(ContentType.JSON)
                .body(Map.of("patientId", "p-1")).when().post("/api/events/{id}/invitations", draft)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aDraftEventRefusesEvenAValidlySignedLinkUntilItIsPublished() {
        String eventId = EventApi.createEvent(5);
        String token = new SignedLinks(linksConfig.secret().orElseThrow(), Duration.ofDays(1), Clock.systemUTC())
                .issue(Invitations.PURPOSE, "patient-" + UUID.randomUUID(), eventId);
        refused(eventId, token, 409);
        EventApi.publish(eventId);
        given().queryParam("token", token).when().post("/api/public/events/{id}/registrations", eventId)
                .then().statusCode(201).body("status", equalTo("REGISTERED"));
    }

    private static void refused(String eventId, String token, int status) {
        var request = given();
        if (token != null) {
            request.queryParam("token", token);
        }
        request.when().post("/api/public/events/{id}/registrations", eventId)
                .then().statusCode(status).contentType(PROBLEM);
    }

    /** One character of the signed part changed: the signature no longer matches. */
    private static String altered(String token) {
        char[] chars = token.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    /** The link names the configured public address; the test instance listens on its own port. */
    private static String local(String absolute) {
        URI uri = URI.create(absolute);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}

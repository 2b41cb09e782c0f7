package org.patientoutreach.emails.engagement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.PROFILES;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.awaitDelivery;
import static org.patientoutreach.emails.TestData.awaitContact;
import static org.patientoutreach.emails.TestData.deliveries;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.metric;
import static org.patientoutreach.emails.TestData.profile;
import static org.patientoutreach.emails.TestData.readyEmail;
import static org.patientoutreach.emails.TestData.requestAndAwaitOutcome;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueAddress;
import static org.patientoutreach.emails.TestData.uniqueFirstName;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.links.LinksConfig;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * The links in a real email, read from GreenMail and followed as a patient's browser or mail client would, and the
 * links that must not work: forged, altered, expired, issued for another purpose or another address.
 */
@QuarkusTest
class PublicLinksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ENGAGEMENT = "outreach_emails_engagement_total";
    private static final String DESTINATION = "https://example.org/eye-health?topic=glaucoma&lang=en";

    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    SignedLinks links;
    @Inject
    LinksConfig linksConfig;
    @Inject
    EmailsConfig emailsConfig;

    /** One email as the patient received it. */
    private record Received(String patientId, String requestId, String emailId, Mime mail) {
    }

    @Test
    void theUnsubscribeLinkOfARealMailSuppressesThePatientOnceAndStopsTheNextEmail() {
        Received received = sendTrackedMail();
        String headerLink = received.mail().header("List-Unsubscribe").replaceAll("^<|>$", "");
        assertEquals("List-Unsubscribe=One-Click", received.mail().header("List-Unsubscribe-Post"));
        assertTrue(headerLink.startsWith(emailsConfig.publicBaseUrl() + "/api/public/unsubscribe?token="), headerLink);
        assertTrue(received.mail().html().contains("href=\"" + headerLink + "\""),
                "{{unsubscribeUrl}} in the body is the same signed link, not a click-tracking one");
        String link = local(headerLink);

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            String page = given().get(link).then().statusCode(200).contentType(containsString("text/html"))
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                    .body(containsString("<form method=\"post\">"))
                    .extract().asString();
            assertTrue(!page.contains(token(link)), "the page does not repeat the token");
            suppression(received.patientId()).then().statusCode(404); // opening the page changed nothing

            // What the page's button, or a mail client's one-click button, sends.
            given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(link)
                    .then().statusCode(200).body(containsString("You are unsubscribed"));
            given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(link)
                    .then().statusCode(200);

            suppression(received.patientId()).then().statusCode(200)
                    .body("reason", equalTo("UNSUBSCRIBED")).body("version", equalTo(0));
            EmailDeliveryEvent event = awaitDelivery(events, received.requestId(), DeliveryEventType.UNSUBSCRIBED, WAIT);
            assertEquals(received.emailId(), event.getEmailId());
            assertEquals(received.patientId(), event.getPatientId());
            assertEquals(1, deliveries(events.drain(Duration.ofSeconds(1)), received.requestId(),
                    DeliveryEventType.UNSUBSCRIBED), "the second POST published nothing");
        }
        EmailDeliveryEvent next = requestAndAwaitOutcome(received.patientId(), received.emailId(), WAIT);
        assertEquals(DeliveryEventType.SUPPRESSED, next.getType());
        assertEquals("UNSUBSCRIBED", next.getReason());
    }

    @Test
    void theOpenPixelAnswersAGifAndReportsTheOpenOnce() {
        Received received = readLater(sendTrackedMail());
        String pixel = local(received.mail().find("<img src=\"([^\"]+/api/public/t/open\\?token=[^\"]+)\""));

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            byte[] first = given().get(pixel).then().statusCode(200).contentType("image/gif")
                    .header("Cache-Control", "no-store").extract().asByteArray();
            byte[] second = given().get(pixel).then().statusCode(200).contentType("image/gif").extract().asByteArray();
            assertEquals("GIF89a", new String(first, 0, 6, StandardCharsets.US_ASCII));
            assertEquals(1, first[6] | first[7] << 8, "1 pixel wide");
            assertEquals(1, first[8] | first[9] << 8, "1 pixel high");
            assertArrayEquals(first, second);
            EmailDeliveryEvent event = awaitDelivery(events, received.requestId(), DeliveryEventType.OPENED, WAIT);
            assertEquals(received.emailId(), event.getEmailId());
            assertEquals(1, deliveries(events.drain(Duration.ofSeconds(1)), received.requestId(), DeliveryEventType.OPENED));
        }
    }

    @Test
    void aTrackedLinkRedirectsOnlyToItsOwnAddressAndReportsTheClick() {
        Received received = readLater(sendTrackedMail());
        String tracked = local(unescape(received.mail().find("href=\"([^\"]+/api/public/t/click\\?[^\"]+)\"")));
        // already percent-encoded as the mail carries it: sent as is

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            String elsewhere = tracked.replaceAll("&url=.*$", "&url=https%3A%2F%2Fevil.example%2F");
            given().urlEncodingEnabled(false).redirects().follow(false).get(elsewhere).then().statusCode(400)
                    .contentType("application/problem+json").header("Location", nullValue())
                    .body("errors[0].field", equalTo("url"));
            assertEquals(0, deliveries(events.drain(Duration.ofMillis(500)), received.requestId(), DeliveryEventType.CLICKED),
                    "a refused click is not reported");

            given().urlEncodingEnabled(false).redirects().follow(false).get(tracked).then().statusCode(302)
                    .header("Location", DESTINATION).header("Referrer-Policy", "no-referrer");
            EmailDeliveryEvent event = awaitDelivery(events, received.requestId(), DeliveryEventType.CLICKED, WAIT);
            assertEquals(DESTINATION, event.getUrl());
        }
    }

    @Test
    void aPixelOrLinkFetchedAsTheEmailArrivesOrWithHeadIsTakenForAScannerAndNotReported() {
        Received received = sendTrackedMail();
        String pixel = local(received.mail().find("<img src=\"([^\"]+/api/public/t/open\\?token=[^\"]+)\""));
        String tracked = local(unescape(received.mail().find("href=\"([^\"]+/api/public/t/click\\?[^\"]+)\"")));

        double scansBefore = metric(ENGAGEMENT, "kind", "click", "by", "scanner");
        double checksBefore = metric(ENGAGEMENT, "kind", "click", "by", "head-request");
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // A security gateway vets the email on delivery: every image and link, at once. It gets real answers.
            given().get(pixel).then().statusCode(200).contentType("image/gif");
            given().urlEncodingEnabled(false).redirects().follow(false).get(tracked).then().statusCode(302)
                    .header("Location", DESTINATION);
            assertEquals(0, events.drain(Duration.ofSeconds(1)).stream().filter(deliveryFor(received.requestId()))
                    .count(), "no OPENED or CLICKED for hits within the scanner window");
            EmailSend send = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(received.requestId()));
            assertEquals(null, send.openedAt);
            assertEquals(null, send.clickedAt);

            // An hour later: a link checker's HEAD is still not the patient, the patient's GET is.
            readLater(received);
            given().urlEncodingEnabled(false).redirects().follow(false).head(tracked).then().statusCode(302)
                    .header("Location", DESTINATION);
            given().head(pixel).then().statusCode(200);
            assertEquals(0, events.drain(Duration.ofSeconds(1)).stream().filter(deliveryFor(received.requestId()))
                    .count(), "no OPENED or CLICKED for HEAD requests");
            given().urlEncodingEnabled(false).redirects().follow(false).get(tracked).then().statusCode(302);
            awaitDelivery(events, received.requestId(), DeliveryEventType.CLICKED, WAIT);
        }
        assertEquals(scansBefore + 1, metric(ENGAGEMENT, "kind", "click", "by", "scanner"), "left out, but counted");
        assertEquals(checksBefore + 1, metric(ENGAGEMENT, "kind", "click", "by", "head-request"));
    }

    @Test
    void aScannerVettingTheEmailLongAfterSendingFetchesTheHiddenTrapFirstAndOnlyItsOwnHitsAreLeftOut() {
        Received received = readLater(sendTrackedMail()); // delivered late, or vetted again: past the window after sending
        String html = received.mail().html();
        String trap = local(received.mail().find("<a href=\"([^\"]+/api/public/t/scan\\?token=[^\"]+)\" "
                + "style=\"display:none;mso-hide:all\" aria-hidden=\"true\" tabindex=\"-1\"></a>"));
        String pixel = local(received.mail().find("<img src=\"([^\"]+/api/public/t/open\\?token=[^\"]+)\""));
        String tracked = local(unescape(received.mail().find("href=\"([^\"]+/api/public/t/click\\?[^\"]+)\"")));
        assertTrue(html.indexOf("/api/public/t/scan") < html.indexOf("/api/public/t/click"),
                "the trap is the body's first link, so a scanner going through the links in order meets it first");

        double trapsBefore = metric(ENGAGEMENT, "kind", "trap", "by", "scanner");
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // The gateway (a documentation address, forwarded by the trusted proxy of the test profile)
            given().header("X-Forwarded-For", "203.0.113.7").get(trap).then().statusCode(204);
            given().header("X-Forwarded-For", "203.0.113.7").get(pixel).then().statusCode(200)
                    .contentType("image/gif");
            given().header("X-Forwarded-For", "203.0.113.7").urlEncodingEnabled(false).redirects().follow(false)
                    .get(tracked).then().statusCode(302).header("Location", DESTINATION);
            assertEquals(0, events.drain(Duration.ofSeconds(1)).stream().filter(deliveryFor(received.requestId()))
                    .count(), "no OPENED or CLICKED for the scanner's visit");
            EmailSend scanned = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(received.requestId()));
            assertEquals(null, scanned.openedAt);
            assertEquals(null, scanned.clickedAt);
            assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) EmailSend.getEntityManager()
                    .createNativeQuery("SELECT count(*) FROM email_link_click WHERE request_id = ?1")
                    .setParameter(1, received.requestId()).getSingleResult()).longValue()), "not in link analytics");
            assertTrue(scanned.scannedBy != null && !scanned.scannedBy.contains("203.0.113.7"), "a digest, no address");

            // The patient clicks a moment later, from their own address: counted and reported.
            given().header("X-Forwarded-For", "198.51.100.23").urlEncodingEnabled(false).redirects().follow(false)
                    .get(tracked).then().statusCode(302);
            awaitDelivery(events, received.requestId(), DeliveryEventType.CLICKED, WAIT);
        }
        assertEquals(trapsBefore + 1, metric(ENGAGEMENT, "kind", "trap", "by", "scanner"));
    }

    @Test
    void forgedAlteredExpiredAndMisdirectedLinksAreRefusedAndChangeNothing() {
        String patientId = uniqueId();
        String requestId = recordedSend(patientId);
        String valid = links.issue(EmailLinks.UNSUBSCRIBE, patientId, requestId);
        String forged = new SignedLinks("another-secret-that-is-long-enough-0123456789", Duration.ofDays(1),
                Clock.systemUTC()).issue(EmailLinks.UNSUBSCRIBE, patientId, requestId);
        String expired = new SignedLinks(linksConfig.secret().orElseThrow(), Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(2, ChronoUnit.DAYS), ZoneOffset.UTC))
                .issue(EmailLinks.UNSUBSCRIBE, patientId, requestId);
        String openToken = links.issue(EmailLinks.OPEN, patientId, requestId);

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            for (Function<String, Response> call : List.<Function<String, Response>>of(
                    token -> given().queryParam("token", token).get("/api/public/unsubscribe"),
                    token -> given().queryParam("token", token).post("/api/public/unsubscribe"))) {
                refused(call.apply(forged), 400);
                refused(call.apply(altered(valid)), 400);
                refused(call.apply(expired), 410);
                refused(call.apply(openToken), 403);
                refused(call.apply("not-a-token"), 400);
            }
            refused(given().post("/api/public/unsubscribe"), 400);
            refused(given().queryParam("token", valid).get("/api/public/t/open"), 403);
            refused(given().queryParam("token", altered(openToken)).get("/api/public/t/open"), 400);
            refused(given().redirects().follow(false).queryParam("token", openToken).queryParam("url", DESTINATION)
                    .get("/api/public/t/click"), 403);

            suppression(patientId).then().statusCode(404);
            assertEquals(0, events.drain(Duration.ofSeconds(1)).stream()
                    .filter(deliveryFor(requestId)).count(), "no delivery event for a refused link");
        }
    }

    private static void refused(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json").header("Location", nullValue());
    }

    /** One character of the signed part changed: the signature no longer matches. */
    private static String altered(String token) {
        char[] chars = token.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private Received sendTrackedMail() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String emailId = readyEmail("News for {{patient.firstName}}", """
                <html><body><p>Hello {{patient.firstName}}</p>
                <p><a href="https://example.org/eye-health?topic=glaucoma&amp;lang=en">Read about eye health</a></p>
                <p><a href="mailto:care-team@patientoutreach.local">Write to us</a></p>
                <p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p></body></html>""",
                "Hello {{patient.firstName}}, unsubscribe: {{unsubscribeUrl}}");
        kafka.send(PROFILES, patientId, profile(patientId, uniqueFirstName(), address).build());
        awaitContact(patientId, contact -> true, WAIT);
        String requestId = uniqueId();
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, patientId, sendRequest(requestId, emailId, patientId));
            assertEquals(DeliveryEventType.SENT, ((EmailDeliveryEvent) events.await(deliveryFor(requestId), WAIT)
                    .value()).getType());
        }
        List<GreenMailClient.Mail> inbox = new GreenMailClient().awaitInbox(address, 1, WAIT);
        Mime mail = Mime.parse(inbox.get(0).mimeMessage());
        assertTrue(mail.html().contains("href=\"mailto:care-team@patientoutreach.local\""), "mailto: stays as it is");
        assertTrue(!mail.html().contains("href=\"https://example.org"), "web links go through click tracking");
        return new Received(patientId, requestId, emailId, mail);
    }

    /** The patient opens the email an hour after it was sent: past any mail scanner's visit. */
    private static Received readLater(Received received) {
        QuarkusTransaction.requiringNew().run(() -> EmailSend.update("sentAt = ?1 where requestId = ?2",
                Instant.now().minus(1, ChronoUnit.HOURS), received.requestId()));
        return received;
    }

    private static String recordedSend(String patientId) {
        String requestId = uniqueId();
        QuarkusTransaction.requiringNew().run(() -> {
            EmailSend send = new EmailSend();
            send.requestId = requestId;
            send.emailId = uniqueId();
            send.patientId = patientId;
            send.status = SendStatus.SENT;
            send.createdAt = Instant.now();
            send.sentAt = send.createdAt;
            send.persist();
        });
        return requestId;
    }

    private static Response suppression(String patientId) {
        return asMarketer().get("/api/suppressions/{id}", patientId);
    }

    /** The mail links to the configured public address; the test instance listens on its own port. */
    private String local(String absolute) {
        assertTrue(absolute.startsWith(emailsConfig.publicBaseUrl() + "/api/public/"), absolute);
        URI uri = URI.create(absolute);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String token(String link) {
        return link.replaceAll("^.*token=([^&]+).*$", "$1");
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&");
    }
}

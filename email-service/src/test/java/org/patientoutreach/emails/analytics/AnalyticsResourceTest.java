package org.patientoutreach.emails.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.engagement.EmailLinks;
import org.patientoutreach.emails.personalization.RenderedEmail;
import org.patientoutreach.emails.send.DeliveryFeedback;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;

/** Counts and rates per email and per journey, from the send log as sending, engagement and feedback leave it. */
@QuarkusTest
class AnalyticsResourceTest {

    private static final String BOOK = "https://clinic.example/book?utm_source=email";
    private static final String READ = "https://clinic.example/eye-health";

    @Inject
    EmailLinks emailLinks;

    @Test
    void countsOutcomesAndUniqueEngagementPerEmailAndPerJourney() {
        String emailId = uniqueId();
        String otherEmail = uniqueId();
        String journeyId = uniqueId();
        QuarkusTransaction.requiringNew().run(() -> {
            send(emailId, journeyId, SendStatus.SENT, null, true, true);
            send(emailId, journeyId, SendStatus.SENT, null, true, false).feedback = DeliveryFeedback.SOFT_BOUNCE;
            send(emailId, journeyId, SendStatus.SENT, null, false, false).feedback = DeliveryFeedback.HARD_BOUNCE;
            send(emailId, journeyId, SendStatus.SENT, null, false, false).feedback = DeliveryFeedback.COMPLAINT;
            send(emailId, journeyId, SendStatus.SUPPRESSED, "frequency-cap", false, false);
            send(emailId, journeyId, SendStatus.SUPPRESSED, "NO_CONSENT", false, false);
            send(emailId, journeyId, SendStatus.FAILED, "SMTP_ERROR", false, false);
            send(emailId, journeyId, SendStatus.DEFERRED, "quiet-hours", false, false);
            send(otherEmail, journeyId, SendStatus.SENT, null, true, true);
        });

        asMarketer().get("/api/analytics/emails/{id}", emailId).then().statusCode(200)
                .body("emailId", equalTo(emailId))
                .body("journeyId", nullValue())
                .body("requested", equalTo(8))
                .body("pending", equalTo(1))
                .body("sent", equalTo(4))
                .body("suppressed", equalTo(2))
                .body("failed", equalTo(1))
                .body("uniqueOpens", equalTo(2))
                .body("uniqueClicks", equalTo(1))
                .body("openRate", equalTo(0.5f))
                .body("clickRate", equalTo(0.25f))
                .body("clickToOpenRate", equalTo(0.5f))
                .body("bounced", equalTo(2))
                .body("complaints", equalTo(1))
                .body("bounceRate", equalTo(0.5f))
                .body("complaintRate", equalTo(0.25f))
                .body("suppressedByReason.frequency-cap", equalTo(1))
                .body("suppressedByReason.NO_CONSENT", equalTo(1));

        asMarketer().get("/api/analytics/journeys/{id}", journeyId).then().statusCode(200)
                .body("journeyId", equalTo(journeyId))
                .body("sent", equalTo(5))
                .body("uniqueOpens", equalTo(3))
                .body("uniqueClicks", equalTo(2))
                .body("openRate", equalTo(0.6f));
    }

    @Test
    void countsEveryFollowOfEachLinkAndInHowManyEmailsItWasFollowed() {
        String emailId = uniqueId();
        String journeyId = uniqueId();
        EmailSend first = QuarkusTransaction.requiringNew().call(() -> send(emailId, journeyId, SendStatus.SENT, null,
                false, false));
        EmailSend second = QuarkusTransaction.requiringNew().call(() -> send(emailId, journeyId, SendStatus.SENT, null,
                false, false));
        QuarkusTransaction.requiringNew().run(() -> send(emailId, journeyId, SendStatus.SENT, null, false, false));
        List<String> firstLinks = clickLinks(first);
        List<String> secondLinks = clickLinks(second);

        follow(firstLinks.get(0));
        follow(firstLinks.get(0)); // the patient comes back: one more click, not one more clicker
        follow(firstLinks.get(1));
        follow(secondLinks.get(0));

        asMarketer().get("/api/analytics/emails/{id}", emailId).then().statusCode(200)
                .body("sent", equalTo(3))
                .body("uniqueClicks", equalTo(2))
                .body("links.size()", equalTo(2))
                .body("links[0].url", equalTo(BOOK))
                .body("links[0].uniqueClicks", equalTo(2))
                .body("links[0].clicks", equalTo(3))
                .body("links[0].clickRate", equalTo(0.6667f))
                .body("links[1].url", equalTo(READ))
                .body("links[1].uniqueClicks", equalTo(1))
                .body("links[1].clicks", equalTo(1));
        asMarketer().get("/api/analytics/journeys/{id}", journeyId).then().statusCode(200)
                .body("links.url", contains(BOOK, READ));
        asMarketer().get("/api/analytics/emails/{id}", uniqueId()).then().statusCode(200)
                .body("links.size()", equalTo(0));
    }

    @Test
    void anEmailNeverSentHasZerosNotAnError() {
        asMarketer().get("/api/analytics/emails/{id}", uniqueId()).then().statusCode(200)
                .body("requested", equalTo(0))
                .body("openRate", equalTo(0.0f));
    }

    /** The click-tracking links of an email of {@code send}'s, as the send path makes them. */
    private List<String> clickLinks(EmailSend send) {
        String html = emailLinks.tracked(new RenderedEmail("Eye exam", """
                <p><a href="%s">Book</a> or <a href="%s">read more</a></p>""".formatted(BOOK, READ), null),
                send.patientId, send.requestId).htmlBody();
        Matcher href = Pattern.compile("href=\"([^\"]+/api/public/t/click[^\"]+)\"").matcher(html); // not the trap
        List<String> links = new ArrayList<>();
        while (href.find()) {
            URI link = URI.create(href.group(1).replace("&amp;", "&"));
            links.add(link.getRawPath() + "?" + link.getRawQuery());
        }
        return links;
    }

    private static void follow(String link) {
        given().urlEncodingEnabled(false).redirects().follow(false).get(link).then().statusCode(302);
    }

    private static EmailSend send(String emailId, String journeyId, SendStatus status, String reason, boolean opened,
            boolean clicked) {
        EmailSend send = new EmailSend();
        send.requestId = uniqueId();
        send.emailId = emailId;
        send.patientId = uniqueId();
        send.journeyId = journeyId;
        send.status = status;
        send.reason = reason;
        send.createdAt = Instant.now();
        send.dueAt = status == SendStatus.DEFERRED ? Instant.now().plusSeconds(86_400) : null;
        // sent an hour ago: the clicks below are the patients', not a mail scanner's on delivery
        send.sentAt = status == SendStatus.SENT ? Instant.now().minusSeconds(3_600) : null;
        send.openedAt = opened ? Instant.now() : null;
        send.clickedAt = clicked ? Instant.now() : null;
        send.persist();
        return send;
    }
}

package org.patientoutreach.emails.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.send.DeliveryFeedback;

/** Mailgun events read as notices, without any infrastructure. */
class MailgunEventTest {

    private static final String ID = "<7c1e9b2a-2222-4c3d-9e8f-abcdefabcdef@patientoutreach.local>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPermanentFailureIsAHardBounceAtItsOwnTimeAndATemporaryOneSoft() throws Exception {
        FeedbackRequest hard = read(MailgunJson.failed(ID, "permanent", "bounce")).orElseThrow();
        assertEquals("7c1e9b2a-2222-4c3d-9e8f-abcdefabcdef@patientoutreach.local", hard.messageId(),
                "as Mailgun quotes it, without brackets; the feedback service adds them");
        assertEquals(DeliveryFeedback.HARD_BOUNCE, hard.type());
        assertEquals(Instant.ofEpochSecond(1765026180, 908181000), hard.occurredAt());
        assertEquals(DeliveryFeedback.SOFT_BOUNCE,
                read(MailgunJson.failed(ID, "temporary", "generic")).orElseThrow().type());
    }

    @Test
    void aPermanentFailureThatIsNotAboutTheAddressSuppressesNothing() throws Exception {
        // Mailgun gave up retrying, a provider blocked the sender, or it cannot say: a hard bounce would stop all
        // care email to the patient, so these are recorded as soft bounces
        for (String reason : new String[] { "old", "espblock", "generic" }) {
            assertEquals(DeliveryFeedback.SOFT_BOUNCE, read(MailgunJson.failed(ID, "permanent", reason)).orElseThrow()
                    .type(), reason);
        }
        assertEquals(DeliveryFeedback.SOFT_BOUNCE, read(MailgunJson.failed(ID, "permanent", "bounce")
                .replace("\"reason\":\"bounce\",", "")).orElseThrow().type(), "no reason at all");
    }

    @Test
    void anEmailHeldBackForAnEarlierComplaintIsAComplaintAndOneForMailgunsOwnUnsubscribeListAsksNothing()
            throws Exception {
        assertEquals(DeliveryFeedback.COMPLAINT, read(MailgunJson.complained(ID)).orElseThrow().type());
        assertEquals(DeliveryFeedback.COMPLAINT,
                read(MailgunJson.failed(ID, "permanent", "suppress-complaint")).orElseThrow().type());
        assertEquals(DeliveryFeedback.HARD_BOUNCE,
                read(MailgunJson.failed(ID, "permanent", "suppress-bounce")).orElseThrow().type());
        assertTrue(read(MailgunJson.failed(ID, "permanent", "suppress-unsubscribe")).isEmpty());
    }

    @Test
    void deliveriesOpensAndClicksAskNothing() throws Exception {
        assertTrue(read(MailgunJson.delivered(ID)).isEmpty());
        assertTrue(read(MailgunJson.event("\"event\":\"opened\",\"message\":" + MailgunJson.message(ID))).isEmpty());
        assertTrue(read(MailgunJson.event("\"event\":\"clicked\"")).isEmpty(), "no Message-ID needed to ignore");
    }

    @Test
    void aFailureWithoutItsMessageIdOrSeverityOrAnEventWithoutAKindIsUnusableNamingTheField() {
        MailgunEvent.Unusable noId = assertThrows(MailgunEvent.Unusable.class, () -> read(
                MailgunJson.failed(ID, "permanent", "bounce").replace("\"message-id\"", "\"x-other\"")));
        assertEquals("event-data.message.headers.message-id", noId.field);
        MailgunEvent.Unusable noSeverity = assertThrows(MailgunEvent.Unusable.class,
                () -> read(MailgunJson.failed(ID, "severe", "bounce")));
        assertEquals("event-data.severity", noSeverity.field);
        assertEquals("event-data.event", assertThrows(MailgunEvent.Unusable.class,
                () -> read("{\"severity\":\"permanent\"}")).field);
    }

    @Test
    void aMissingOrUnreadableTimestampLeavesTheTimeToTheFeedbackService() throws Exception {
        assertNull(read(MailgunJson.failed(ID, "permanent", "bounce").replace(MailgunJson.FAILED_AT, "\"soon\""))
                .orElseThrow().occurredAt());
        assertNull(read(MailgunJson.failed(ID, "permanent", "bounce").replace(MailgunJson.FAILED_AT, "1e300"))
                .orElseThrow().occurredAt());
        assertNull(read(MailgunJson.failed(ID, "permanent", "bounce").replace(MailgunJson.FAILED_AT, "1e400"))
                .orElseThrow().occurredAt(), "beyond a double: no 500 for Mailgun to retry for hours");
    }

    private static Optional<FeedbackRequest> read(String eventData) throws Exception {
        return MailgunEvent.feedback(JSON.readTree(eventData));
    }
}

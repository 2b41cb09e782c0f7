package org.patientoutreach.emails.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.send.DeliveryFeedback;

/** SES notifications read as notices, without any infrastructure. */
class SesNotificationTest {

    private static final String ID = "<7c1e9b2a-1111-4c3d-9e8f-abcdefabcdef@patientoutreach.local>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPermanentBounceIsHardAndTransientOrUndeterminedOnesAndDelaysAreSoft() throws Exception {
        FeedbackRequest hard = read(SesJson.bounce(ID, "Permanent")).orElseThrow();
        assertEquals(ID, hard.messageId(), "ours, from the original headers, not SES's own message id");
        assertEquals(DeliveryFeedback.HARD_BOUNCE, hard.type());
        assertEquals(Instant.parse(SesJson.BOUNCE_TIME), hard.occurredAt());
        assertEquals(DeliveryFeedback.SOFT_BOUNCE, read(SesJson.bounce(ID, "Transient")).orElseThrow().type());
        assertEquals(DeliveryFeedback.SOFT_BOUNCE, read(SesJson.bounce(ID, "Undetermined")).orElseThrow().type());
        String delay = """
                {"eventType":"DeliveryDelay","deliveryDelay":{"delayType":"MailboxFull","timestamp":"%s"},"mail":%s}"""
                .formatted(SesJson.BOUNCE_TIME, SesJson.mail(ID));
        assertEquals(DeliveryFeedback.SOFT_BOUNCE, read(delay).orElseThrow().type());
    }

    @Test
    void eventPublishingNamesTheKindEventTypeAndTheCommonHeadersServeWhenTheHeaderListLacksIt() throws Exception {
        String event = SesJson.complaint(ID, "abuse").replace("\"notificationType\"", "\"eventType\"")
                .replace("{\"name\":\"Message-ID\"", "{\"name\":\"X-Other\"");
        FeedbackRequest complaint = read(event).orElseThrow();
        assertEquals(DeliveryFeedback.COMPLAINT, complaint.type());
        assertEquals(ID, complaint.messageId());
    }

    @Test
    void deliveriesAndNotSpamReportsAskNothing() throws Exception {
        assertEquals(Optional.empty(), read(SesJson.delivery(ID)));
        assertEquals(Optional.empty(), read(SesJson.complaint(ID, "not-spam")));
    }

    @Test
    void aNotificationWithoutOurMessageIdOrWithoutAKindIsUnusableWithoutQuotingIt() {
        String headerless = """
                {"notificationType":"Bounce","bounce":{"bounceType":"Permanent"},"mail":{"messageId":"ses-own",
                 "destination":["jane.doe@mailbox.example"]}}""";
        var unusable = assertThrows(SesNotification.Unusable.class, () -> read(headerless));
        assertTrue(unusable.getMessage().contains("original headers"), unusable.getMessage());
        assertTrue(!unusable.getMessage().contains("jane"), unusable.getMessage());
        assertThrows(SesNotification.Unusable.class, () -> read("{\"mail\":{}}"));
    }

    private static Optional<FeedbackRequest> read(String ses) throws Exception {
        JsonNode tree = JSON.readTree(ses);
        return SesNotification.feedback(tree);
    }
}

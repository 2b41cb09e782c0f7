package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.emails.TestData.awaitContact;
import static org.patientoutreach.emails.TestData.awaitSend;
import static org.patientoutreach.emails.TestData.patientIn;
import static org.patientoutreach.emails.TestData.readyEmail;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.JourneyInstanceEnded;
import org.patientoutreach.testing.GreenMailClient;

/**
 * The claim's own check, against real PostgreSQL and GreenMail: a held send whose journey instance is known to have
 * ended is suppressed when it comes due, even when no withdrawal reached it (the news was recorded while the send was
 * still being accepted, in a transaction the withdrawal could not see).
 */
@QuarkusTest
class EndedInstanceAtClaimTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final GreenMailClient greenMail = new GreenMailClient();

    @Test
    void aHeldSendOfAnEndedInstanceIsSuppressedWhenItComesDueAndNotSent() {
        String reminder = readyEmail("Time for your screening", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patientIn("UTC", WAIT);
        String address = awaitContact(patientId, contact -> true, WAIT).email;
        EmailSendRequested request = sendRequest(uniqueId(), reminder, patientId);
        // As a send that waited for its profile is left, due now; its instance's end recorded beside it, no withdrawal.
        QuarkusTransaction.requiringNew().run(() -> {
            EmailSend send = EmailSend.requested(request, false, Instant.now());
            send.status = SendStatus.DEFERRED;
            send.reason = SendService.AWAITING_PROFILE;
            send.dueAt = Instant.now();
            send.persist();
            EndedInstances.remember(List.of(new JourneyInstanceEnded(request.getInstanceId(),
                    uniqueId(), patientId, "SEGMENT_EXIT", Instant.now())), Instant.now());
        });

        EmailSend suppressed = awaitSend(request.getRequestId(), s -> s.status == SendStatus.SUPPRESSED, WAIT);
        assertEquals("JOURNEY_ENDED", suppressed.reason);
        assertEquals(0, greenMail.inbox(address).size());
    }
}

package org.patientoutreach.emails.send;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.mail.HandOver;
import org.patientoutreach.emails.mail.OutgoingMail;
import org.patientoutreach.emails.metrics.EmailMetrics;
import org.patientoutreach.emails.personalization.RenderedEmail;

/**
 * An SMTP worker may write an email's terminating dot only while fewer than
 * {@code emails.dispatch.max-unrecorded-hand-overs} dots wait for their hand-over mark to be committed: the most a
 * crash can make the server deliver twice. Room comes back when the outcome recorder has committed a mark, or when
 * writing the email failed. Drives the service's own {@link SendOutcomes} and its recorder against PostgreSQL.
 */
@QuarkusTest
class HandOverBoundTest {

    @Inject
    SendOutcomes outcomes;

    @Inject
    EmailsConfig config;

    @Inject
    EmailMetrics metrics;

    @Test
    void noMoreDotsThanTheBoundWaitForTheirRecordAndRoomReturnsOnceAMarkIsCommitted() throws Exception {
        int bound = config.dispatch().maxUnrecordedHandOvers();
        long waitsBefore = metrics.handOverWaits();
        Deque<HandOver> unrecorded = new ArrayDeque<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < bound; i++) {
                HandOver handOver = outcomes.handOverOf(prepared());
                handOver.beforeDot(); // room for each of the bound's dots
                unrecorded.push(handOver);
            }
            HandOver waiting = outcomes.handOverOf(prepared());
            Future<?> nextDot = worker.submit(() -> {
                waiting.beforeDot();
                return null;
            });
            assertThrows(TimeoutException.class, () -> nextDot.get(500, MILLISECONDS),
                    "with the bound's dots written and none recorded, the next waits");

            unrecorded.pop().notWritten(); // that email's bytes never went out: nothing to record
            nextDot.get(10, SECONDS);
            unrecorded.push(waiting);

            HandOver another = outcomes.handOverOf(prepared());
            Future<?> anotherDot = worker.submit(() -> {
                another.beforeDot();
                return null;
            });
            assertThrows(TimeoutException.class, () -> anotherDot.get(500, MILLISECONDS), "full again");
            unrecorded.pop().proceed(); // its mark goes to the recorder, which commits it
            anotherDot.get(10, SECONDS);
            unrecorded.push(another);
            // At least: a send of another test still under way would wait, and count, too.
            assertTrue(metrics.handOverWaits() - waitsBefore >= 2,
                    "each dot that waited for room is counted for the operator");
        } finally {
            unrecorded.forEach(HandOver::proceed); // the others' room comes back for the tests after this one
            worker.shutdownNow();
        }
    }

    /** A send with ids only: its mark is committed like any other and matches no row. */
    private static Prepared prepared() {
        return new Prepared("bound-" + uniqueId(), uniqueId(), uniqueId(), null, null, 1,
                new OutgoingMail("patient@example.org", "care@example.org", "Care", new RenderedEmail("s", "h", "t"),
                        Map.of()));
    }
}

package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.mail.SmtpRefusal;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMinutes(1));

    private static SmtpRefusal reply(int code) {
        return new SmtpRefusal(code);
    }

    @Test
    void retriesA4xxReplyAndConnectionTroubleButNotA5xxReply() {
        assertTrue(policy.retry(reply(451), 1));
        assertTrue(policy.retry(new ConnectException("refused"), 1));
        assertTrue(policy.retry(new CompletionException(reply(421)), 1), "the cause chain is searched");
        assertFalse(policy.retry(reply(550), 1));
        assertFalse(policy.retry(new IllegalArgumentException("not an address"), 1));
    }

    @Test
    void aRecipientRefusedFor5xxMailboxReasonsIsAHardBounce() {
        assertTrue(RetryPolicy.isHardBounce(reply(550)));
        assertTrue(RetryPolicy.isHardBounce(new CompletionException(reply(553))));
        assertFalse(RetryPolicy.isHardBounce(reply(554)), "a policy or content refusal is no dead address");
        assertFalse(RetryPolicy.isHardBounce(reply(450)));
        assertFalse(RetryPolicy.isHardBounce(new IllegalArgumentException("not an address")));
    }

    @Test
    void stopsRetryingAfterTheLastAttempt() {
        assertTrue(policy.retry(reply(451), 3));
        assertFalse(policy.retry(reply(451), 4));
    }

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(10), policy.backoff(1));
        assertEquals(Duration.ofSeconds(20), policy.backoff(2));
        assertEquals(Duration.ofSeconds(40), policy.backoff(3));
        assertEquals(Duration.ofMinutes(1), policy.backoff(4));
        assertEquals(Duration.ofMinutes(1), policy.backoff(60));
    }
}

package org.patientoutreach.emails.send;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.patientoutreach.emails.mail.SmtpRefusal;

/**
 * Which SMTP failures are worth another attempt and when. A 4xx reply (greylisting, mailbox busy, rate limited) or
 * connection trouble is transient; a 5xx reply or a message the mailer refuses is permanent. Pure, tested with JUnit.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** @return whether a send that failed with {@code failure} after {@code attempts} attempts should be retried */
    public boolean retry(Throwable failure, int attempts) {
        return attempts < maxAttempts && isTransient(failure);
    }

    /** Exponential: the initial backoff after the first attempt, doubling each time, never above the maximum. */
    public Duration backoff(int attempts) {
        Duration delay = initialBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /**
     * A permanent refusal of the recipient itself (550 mailbox unavailable, 551 user not local, 553 mailbox name not
     * allowed): the address is dead, so the patient goes on the suppression list as BOUNCED.
     */
    static boolean isHardBounce(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SmtpRefusal smtp) {
                int code = smtp.replyCode();
                return code == 550 || code == 551 || code == 553;
            }
        }
        return false;
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SmtpRefusal smtp) {
                return smtp.isTransient();
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}

package org.patientoutreach.emails.mail;

/**
 * The SMTP server answered a command with an unexpected reply code. Carries the code only: the reply text may quote
 * the recipient address. 4xx is transient (greylisting, mailbox busy, rate limited), 5xx permanent.
 */
public class SmtpRefusal extends RuntimeException {

    private final int replyCode;

    public SmtpRefusal(int replyCode) {
        super("SMTP reply " + replyCode, null, false, false);
        this.replyCode = replyCode;
    }

    public int replyCode() {
        return replyCode;
    }

    public boolean isTransient() {
        return replyCode >= 400 && replyCode < 500;
    }
}

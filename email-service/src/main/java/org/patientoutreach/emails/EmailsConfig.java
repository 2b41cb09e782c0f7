package org.patientoutreach.emails;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of email-service under the {@code emails} prefix. */
@ConfigMapping(prefix = "emails")
public interface EmailsConfig {

    /** Sender address of every email (patients reply to the care team, not to a person). */
    @WithDefault("care-team@patientoutreach.local")
    String from();

    /** Threads that talk to the SMTP server; each holds at most one SMTP conversation at a time. */
    @WithDefault("4")
    int smtpThreads();
}

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

    /**
     * Where patients reach this service's {@code /api/public} endpoints (unsubscribe, open and click tracking): the
     * links in every email start with it. In production the public host name in front of the service.
     */
    @WithDefault("http://127.0.0.1:8083")
    String publicBaseUrl();
}

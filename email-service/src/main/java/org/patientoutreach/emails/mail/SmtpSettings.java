package org.patientoutreach.emails.mail;

import java.util.Optional;

/**
 * Where and how to reach the SMTP relay. Read from the {@code quarkus.mailer.*} properties that deployments already
 * set (host, port, TLS, credentials, timeout), so the relay is configured in one place.
 */
record SmtpSettings(String host, int port, boolean tls, StartTls startTls, Optional<String> username,
        Optional<String> password, int timeoutMillis, String localHost) {

    enum StartTls {
        DISABLED, OPTIONAL, REQUIRED
    }
}

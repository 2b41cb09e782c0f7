package org.patientoutreach.emails.mail;

import java.util.Map;
import org.patientoutreach.emails.personalization.RenderedEmail;

/** One rendered email with its envelope: recipient, sender and extra headers (List-Unsubscribe, Message-ID). */
public record OutgoingMail(String to, String fromAddress, String fromName, RenderedEmail email,
        Map<String, String> headers) {
}

package org.patientoutreach.emails.send;

import org.patientoutreach.emails.mail.OutgoingMail;

/** A claimed send, checked and rendered, ready for SMTP: ids for its outcome and the mail itself. */
record Prepared(String requestId, String emailId, String patientId, String journeyId, String instanceId,
        int attempts, OutgoingMail mail) {
}

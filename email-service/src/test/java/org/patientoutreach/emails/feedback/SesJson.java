package org.patientoutreach.emails.feedback;

/** Amazon SES notifications as SES writes them (docs.aws.amazon.com/ses: notification contents and examples). */
final class SesJson {

    static final String BOUNCE_TIME = "2026-12-06T14:59:38.237Z";

    private SesJson() {
    }

    /** A bounce of one recipient; the original headers included, as the identity is set to include them. */
    static String bounce(String messageId, String bounceType) {
        return """
                {"notificationType":"Bounce","bounce":{"bounceType":"%s","bounceSubType":"General",
                 "bouncedRecipients":[{"emailAddress":"jane.doe@mailbox.example","action":"failed","status":"5.1.1",
                 "diagnosticCode":"smtp; 550 5.1.1 user unknown"}],"timestamp":"%s","feedbackId":"0100-test-feedback"},
                 "mail":%s}""".formatted(bounceType, BOUNCE_TIME, mail(messageId));
    }

    static String complaint(String messageId, String feedbackType) {
        return """
                {"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":
                 "jane.doe@mailbox.example"}],"complaintFeedbackType":"%s","timestamp":"%s",
                 "feedbackId":"0100-test-complaint"},"mail":%s}""".formatted(feedbackType, BOUNCE_TIME, mail(messageId));
    }

    static String delivery(String messageId) {
        return """
                {"notificationType":"Delivery","delivery":{"timestamp":"%s","recipients":["jane.doe@mailbox.example"],
                 "smtpResponse":"250 ok"},"mail":%s}""".formatted(BOUNCE_TIME, mail(messageId));
    }

    /** SES's mail object: its own message id, and ours among the original headers and the common headers. */
    static String mail(String messageId) {
        return """
                {"timestamp":"2026-12-06T14:59:30.000Z","source":"care-team@patientoutreach.local",
                 "messageId":"0100018c2b3c4d5e-ses-own-id-000000","headersTruncated":false,
                 "headers":[{"name":"From","value":"Care Team <care-team@patientoutreach.local>"},
                  {"name":"Message-ID","value":"%s"},{"name":"Subject","value":"Your results"}],
                 "commonHeaders":{"from":["Care Team <care-team@patientoutreach.local>"],"messageId":"%s"}}"""
                .formatted(messageId, messageId);
    }
}

package org.patientoutreach.emails.personalization;

/** An email personalized for one recipient; {@code textBody} is null when the template has none. */
public record RenderedEmail(String subject, String htmlBody, String textBody) {

    public RenderedEmail asTest() {
        return new RenderedEmail("[TEST] " + subject, htmlBody, textBody);
    }
}

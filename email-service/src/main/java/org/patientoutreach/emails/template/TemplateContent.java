package org.patientoutreach.emails.template;

/** What create and update have in common, so both go through the same placeholder check. */
record TemplateContent(String name, String subject, String htmlBody, String textBody, boolean commercial) {

    void applyTo(EmailTemplate template) {
        template.name = name;
        template.subject = subject;
        template.htmlBody = htmlBody;
        template.textBody = textBody;
        template.commercial = commercial;
    }
}

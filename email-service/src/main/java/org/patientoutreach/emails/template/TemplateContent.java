package org.patientoutreach.emails.template;

/** What create and update have in common, so both go through the same checks. */
record TemplateContent(String name, String subject, String htmlBody, String textBody, boolean commercial,
        String fromName, String fromAddress, String senderPostalAddress) {

    void applyTo(EmailTemplate template) {
        template.name = name;
        template.subject = subject;
        template.htmlBody = htmlBody;
        template.textBody = textBody;
        template.commercial = commercial;
        template.fromName = fromName;
        template.fromAddress = fromAddress;
        template.senderPostalAddress = senderPostalAddress;
    }
}

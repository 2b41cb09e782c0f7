package org.patientoutreach.emails.template;

/** Only READY templates are sent to patients; DRAFT ones can be previewed and test-sent. */
public enum TemplateStatus {
    DRAFT,
    READY
}

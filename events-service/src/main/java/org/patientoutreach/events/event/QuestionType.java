package org.patientoutreach.events.event;

/** How a registration question is answered. CHOICE questions list their options. */
public enum QuestionType {
    TEXT,
    YES_NO,
    CHOICE
}

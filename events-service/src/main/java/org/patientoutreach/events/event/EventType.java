package org.patientoutreach.events.event;

/** What kind of event it is, for filtering and reporting; shipped templates set it. */
public enum EventType {
    HEALTH_SEMINAR,
    EDUCATION_WEBINAR,
    VACCINATION_CLINIC,
    ENROLLMENT_SESSION,
    BENEFITS_ORIENTATION,
    WELLNESS_PROGRAM,
    OTHER
}

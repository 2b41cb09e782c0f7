package org.patientoutreach.journeys.journey;

/** Whether a patient may run through the same journey (any of its revisions) more than once. */
public enum Reentry {
    /** At most one instance per journey and patient, ever. */
    NEVER,
    /** A new instance for every entry (every segment entry, every trigger firing). */
    ALWAYS,
    /** A new instance for an entry only if the patient's previous one started at least reentryAfterDays ago. */
    AFTER
}

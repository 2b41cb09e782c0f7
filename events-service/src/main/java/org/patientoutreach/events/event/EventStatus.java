package org.patientoutreach.events.event;

/**
 * DRAFT (being prepared; staff may already seat patients) → PUBLISHED (open to invitation links, in the catalog) →
 * COMPLETED (it took place; attendance is final) or CANCELLED. COMPLETED and CANCELLED events take no edits.
 */
public enum EventStatus {
    DRAFT,
    PUBLISHED,
    COMPLETED,
    CANCELLED
}

package org.patientoutreach.events.template;

/** A session of a template's agenda, placed relative to the event's start. */
public record AgendaItem(String title, String description, int offsetMinutes, int durationMinutes) {
}

package org.patientoutreach.events.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.events.registration.RegistrationStatus;

public record EventView(
        UUID id,
        String title,
        String description,
        Sponsor sponsor,
        EventType type,
        EventFormat format,
        Instant startsAt,
        Instant endsAt,
        String timezone,
        int capacity,
        String joinUrl,
        String location,
        List<EventSession> sessions,
        List<RegistrationQuestion> registrationQuestions,
        @Schema(description = "The shipped template the event was made from, if any") String templateKey,
        EventStatus status,
        @Schema(description = "Seats taken: REGISTERED plus CHECKED_IN") long registered,
        long waitlisted,
        long checkedIn,
        @Schema(description = "Registered patients who did not attend (set when the event is completed)") long noShows,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant completedAt) {

    static EventView of(Event e, Map<RegistrationStatus, Long> counts) {
        long registered = counts.getOrDefault(RegistrationStatus.REGISTERED, 0L);
        long checkedIn = counts.getOrDefault(RegistrationStatus.CHECKED_IN, 0L);
        return new EventView(e.id, e.title, e.description, e.sponsor, e.type, e.format, e.startsAt, e.endsAt,
                e.timezone, e.capacity, e.joinUrl, e.location, e.sessions, e.registrationQuestions, e.templateKey,
                e.status, registered + checkedIn, counts.getOrDefault(RegistrationStatus.WAITLISTED, 0L), checkedIn,
                counts.getOrDefault(RegistrationStatus.NO_SHOW, 0L), e.version, e.createdAt, e.updatedAt,
                e.publishedAt, e.completedAt);
    }
}

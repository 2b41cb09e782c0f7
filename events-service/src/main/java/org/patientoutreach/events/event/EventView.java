package org.patientoutreach.events.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.events.registration.RegistrationStatus;

public record EventView(
        UUID id,
        String title,
        String description,
        Sponsor sponsor,
        EventFormat format,
        Instant startsAt,
        Instant endsAt,
        String timezone,
        int capacity,
        String joinUrl,
        String location,
        EventStatus status,
        @Schema(description = "Seats taken: REGISTERED plus CHECKED_IN") long registered,
        long waitlisted,
        long checkedIn,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static EventView of(Event e, Map<RegistrationStatus, Long> counts) {
        long registered = counts.getOrDefault(RegistrationStatus.REGISTERED, 0L);
        long checkedIn = counts.getOrDefault(RegistrationStatus.CHECKED_IN, 0L);
        return new EventView(e.id, e.title, e.description, e.sponsor, e.format, e.startsAt, e.endsAt, e.timezone,
                e.capacity, e.joinUrl, e.location, e.status, registered + checkedIn,
                counts.getOrDefault(RegistrationStatus.WAITLISTED, 0L), checkedIn, e.version, e.createdAt, e.updatedAt);
    }
}

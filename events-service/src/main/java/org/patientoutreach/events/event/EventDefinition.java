package org.patientoutreach.events.event;

import java.time.Instant;

/** The fields a client sends to define an event, shared by creation and replacement so both obey the same rules. */
@ConsistentEvent
public interface EventDefinition {

    String title();

    String description();

    Sponsor sponsor();

    EventFormat format();

    Instant startsAt();

    Instant endsAt();

    String timezone();

    Integer capacity();

    String joinUrl();

    String location();

    /** The IANA zone, UTC when the client sent none. */
    default String timezoneOrUtc() {
        return timezone() == null ? "UTC" : timezone();
    }
}

package org.patientoutreach.events.event;

import java.time.Instant;
import java.util.List;

/** The fields a client sends to define an event, shared by creation and replacement so both obey the same rules. */
@ConsistentEvent
public interface EventDefinition {

    String title();

    String description();

    Sponsor sponsor();

    EventType type();

    EventFormat format();

    Instant startsAt();

    Instant endsAt();

    String timezone();

    Integer capacity();

    String joinUrl();

    String location();

    List<EventSession> sessions();

    List<RegistrationQuestion> registrationQuestions();

    /** The IANA zone, UTC when the client sent none. */
    default String timezoneOrUtc() {
        return timezone() == null ? "UTC" : timezone();
    }

    default EventType typeOrOther() {
        return type() == null ? EventType.OTHER : type();
    }

    default List<EventSession> sessionsOrNone() {
        return sessions() == null ? List.of() : sessions();
    }

    default List<RegistrationQuestion> questionsOrNone() {
        return registrationQuestions() == null ? List.of() : registrationQuestions();
    }
}

package org.patientoutreach.events.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.problem.Problem.FieldError;

class PublishingRulesTest {

    private static final Instant NOW = Instant.parse("2027-01-01T12:00:00Z");

    @Test
    void aCompleteVirtualEventMissesNothing() {
        assertTrue(PublishingRules.missing(event(EventFormat.VIRTUAL, null, "https://meet.example.org/x"), NOW)
                .isEmpty());
    }

    @Test
    void aHybridEventNeedsBothItsVenueAndItsMeetingUrl() {
        assertEquals(List.of("location", "joinUrl"), fields(event(EventFormat.HYBRID, " ", null)));
        assertEquals(List.of("joinUrl"), fields(event(EventFormat.HYBRID, "Town hall", null)));
    }

    @Test
    void anInPersonEventNeedsOnlyItsVenue() {
        assertEquals(List.of("location"), fields(event(EventFormat.IN_PERSON, null, null)));
    }

    @Test
    void anEventThatHasEndedAndHasNoDescriptionCannotBePublished() {
        Event event = event(EventFormat.VIRTUAL, null, "https://meet.example.org/x");
        event.description = null;
        event.endsAt = NOW;
        assertEquals(List.of("description", "endsAt"), fields(event));
    }

    private static List<String> fields(Event event) {
        return PublishingRules.missing(event, NOW).stream().map(FieldError::field).toList();
    }

    private static Event event(EventFormat format, String location, String joinUrl) {
        Event event = new Event();
        event.title = "Eye health";
        event.description = "Ask our ophthalmologists";
        event.format = format;
        event.location = location;
        event.joinUrl = joinUrl;
        event.startsAt = NOW.plusSeconds(3600);
        event.endsAt = NOW.plusSeconds(7200);
        return event;
    }
}

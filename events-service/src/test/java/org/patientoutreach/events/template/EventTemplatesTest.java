package org.patientoutreach.events.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.event.EventRequest;
import org.patientoutreach.events.event.EventSession;
import org.patientoutreach.events.event.Sponsor;

/** The shipped template file and how a template becomes an event definition (pure logic). */
class EventTemplatesTest {

    private static final List<EventTemplate> SHIPPED = EventTemplates.load();

    @Test
    void everyShippedTemplateHasAnAgendaInsideItsDurationAndRegistrationQuestions() {
        assertEquals(3, SHIPPED.stream().filter(t -> t.sponsor() == Sponsor.PROVIDER).count());
        assertEquals(3, SHIPPED.stream().filter(t -> t.sponsor() == Sponsor.PAYER).count());
        assertEquals(SHIPPED.size(), SHIPPED.stream().map(EventTemplate::key).distinct().count());
        for (EventTemplate template : SHIPPED) {
            assertTrue(template.defaultCapacity() > 0, template.key());
            assertFalse(template.agenda().isEmpty(), template.key());
            assertFalse(template.registrationQuestions().isEmpty(), template.key());
            for (AgendaItem item : template.agenda()) {
                assertTrue(item.offsetMinutes() + item.durationMinutes() <= template.durationMinutes(),
                        template.key() + ": " + item.title());
            }
        }
    }

    @Test
    void theAgendaIsPlacedFromTheStartAndTheRequestOverridesTheTemplate() {
        EventTemplate seminar = SHIPPED.stream().filter(t -> t.key().equals("community-health-seminar"))
                .findFirst().orElseThrow();
        Instant start = Instant.parse("2027-04-10T23:00:00Z");
        EventRequest definition = EventTemplates.definition(seminar,
                new FromTemplateRequest(start, "America/Denver", "Heart health evening", 40, null, "Town hall"));

        assertEquals("Heart health evening", definition.title());
        assertEquals(40, definition.capacity());
        assertEquals("Town hall", definition.location());
        assertEquals(Instant.parse("2027-04-11T00:30:00Z"), definition.endsAt());
        EventSession second = definition.sessions().get(1);
        assertEquals(Instant.parse("2027-04-10T23:10:00Z"), second.startsAt());
        assertEquals(Instant.parse("2027-04-10T23:40:00Z"), second.endsAt());
        assertEquals(seminar.registrationQuestions(), definition.registrationQuestions());
    }
}

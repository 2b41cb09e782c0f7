package org.patientoutreach.events.template;

import java.util.List;
import org.patientoutreach.events.event.EventFormat;
import org.patientoutreach.events.event.EventType;
import org.patientoutreach.events.event.RegistrationQuestion;
import org.patientoutreach.events.event.Sponsor;

/** A shipped starting point for a provider or payer event: what it pre-fills in a new draft. */
public record EventTemplate(
        String key,
        String name,
        Sponsor sponsor,
        EventType type,
        EventFormat format,
        String title,
        String description,
        int durationMinutes,
        int defaultCapacity,
        List<AgendaItem> agenda,
        List<RegistrationQuestion> registrationQuestions) {
}

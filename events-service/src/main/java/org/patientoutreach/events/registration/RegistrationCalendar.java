package org.patientoutreach.events.registration;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import biweekly.property.Status;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.patientoutreach.events.event.Event;
import org.patientoutreach.events.event.EventSession;
import org.patientoutreach.events.event.EventStatus;

/**
 * The iCalendar (RFC 5545) invite for one registration, made with biweekly. Times are written in UTC, which every
 * calendar shows in its user's zone; the UID is the registration's, so a later download updates the same entry
 * (SEQUENCE grows with every change of the event or the registration) and a cancelled one removes it. It names the
 * event, never the patient.
 */
public final class RegistrationCalendar {

    public static final String MEDIA_TYPE = "text/calendar;charset=utf-8";
    private static final DateTimeFormatter SESSION_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private RegistrationCalendar() {
    }

    public static String of(Event event, Registration registration) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Patient Outreach//events-service//EN");
        calendar.setMethod(Method.publish());
        VEvent entry = new VEvent();
        entry.setUid(registration.id + "@events.patientoutreach");
        entry.setSequence((int) (event.version + registration.version));
        entry.setDateStart(Date.from(event.startsAt), true);
        entry.setDateEnd(Date.from(event.endsAt), true);
        entry.setSummary(event.title);
        entry.setDescription(description(event));
        String place = event.location != null ? event.location : event.joinUrl;
        if (place != null) {
            entry.setLocation(place);
        }
        if (event.joinUrl != null) {
            entry.setUrl(event.joinUrl);
        }
        entry.setStatus(status(event, registration));
        entry.setLastModified(Date.from(registration.updatedAt.isAfter(event.updatedAt)
                ? registration.updatedAt : event.updatedAt));
        calendar.addEvent(entry);
        return Biweekly.write(calendar).go();
    }

    private static Status status(Event event, Registration registration) {
        if (event.status == EventStatus.CANCELLED
                || registration.status == RegistrationStatus.CANCELLED) {
            return Status.cancelled();
        }
        // A waitlisted patient may still get a seat: the entry stays tentative until then.
        return registration.status == RegistrationStatus.WAITLISTED ? Status.tentative() : Status.confirmed();
    }

    private static String description(Event event) {
        StringBuilder text = new StringBuilder(event.description == null ? "" : event.description);
        if (event.joinUrl != null) {
            text.append(text.isEmpty() ? "" : "\n\n").append("Join online: ").append(event.joinUrl);
        }
        if (!event.sessions.isEmpty()) {
            ZoneId zone = ZoneId.of(event.timezone);
            text.append(text.isEmpty() ? "" : "\n\n").append("Agenda (").append(zone).append(')');
            for (EventSession session : event.sessions) {
                text.append('\n').append(session.startsAt().atZone(zone).format(SESSION_TIME)).append(' ')
                        .append(session.title());
            }
        }
        return text.toString();
    }
}

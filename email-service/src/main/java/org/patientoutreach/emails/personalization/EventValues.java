package org.patientoutreach.emails.personalization;

/** An event as a template shows it: times already written in the event's timezone, the patient's own link. */
public record EventValues(String title, String startsAt, String endsAt, String venue, String onlineUrl,
        String registrationUrl) {

    static final EventValues NONE = new EventValues(null, null, null, null, null, null);
}

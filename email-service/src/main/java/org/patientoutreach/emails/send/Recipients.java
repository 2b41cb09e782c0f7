package org.patientoutreach.emails.send;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.event.CatalogEvent;
import org.patientoutreach.emails.event.EventInvitations;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.template.EmailTemplate;

/**
 * What the sending rules and the rendering need about a batch of sends, loaded set-wise: one query each for the
 * templates, the contacts, the suppression list and the events the sends name, however many emails the batch holds.
 */
final class Recipients {

    private final Map<UUID, EmailTemplate> templates = new HashMap<>();
    private final Map<String, PatientContact> contacts = new HashMap<>();
    private final Map<String, String> suppressed = new HashMap<>();
    private final Map<String, CatalogEvent> events = new HashMap<>();

    private Recipients() {
    }

    /**
     * @param lockContacts lock the patients' contact rows (in id order, so two batches cannot deadlock): requests
     *                     of one patient then decide their frequency caps one batch after the other
     */
    static Recipients load(Collection<String> emailIds, Collection<String> patientIds, Collection<String> eventIds,
            boolean lockContacts) {
        Recipients loaded = new Recipients();
        List<UUID> templateIds = emailIds.stream().distinct().map(Recipients::uuid).flatMap(Optional::stream).toList();
        if (!templateIds.isEmpty()) {
            EmailTemplate.<EmailTemplate>list("id in ?1", templateIds)
                    .forEach(t -> loaded.templates.put(t.id, t));
        }
        List<String> patients = patientIds.stream().distinct().toList();
        if (!patients.isEmpty()) {
            var contacts = PatientContact.<PatientContact>find("patientId in ?1 order by patientId", patients);
            if (lockContacts) {
                contacts.withLock(LockModeType.PESSIMISTIC_WRITE);
            }
            contacts.list().forEach(c -> loaded.contacts.put(c.patientId, c));
            Suppression.<Suppression>list("patientId in ?1", patients)
                    .forEach(s -> loaded.suppressed.put(s.patientId, s.reason.name()));
        }
        List<String> named = eventIds.stream().filter(Objects::nonNull).distinct().toList();
        if (!named.isEmpty()) {
            CatalogEvent.<CatalogEvent>list("eventId in ?1", named).forEach(e -> loaded.events.put(e.eventId, e));
        }
        return loaded;
    }

    /** Null when unknown, or when the id cannot be a template id at all. */
    EmailTemplate template(String emailId) {
        return uuid(emailId).map(templates::get).orElse(null);
    }

    PatientContact contact(String patientId) {
        return contacts.get(patientId);
    }

    /** The suppression list's reason for the patient, if listed. */
    Optional<String> suppression(String patientId) {
        return Optional.ofNullable(suppressed.get(patientId));
    }

    /** The catalog entry of the event a send's context names; null if none is named or it is unknown. */
    CatalogEvent event(Map<String, String> context) {
        String eventId = context.get(EventInvitations.EVENT_ID);
        return eventId == null ? null : events.get(eventId);
    }

    /** The event ids the contexts name, for {@link #load}. */
    static List<String> eventIds(Collection<Map<String, String>> contexts) {
        return contexts.stream().map(c -> c.get(EventInvitations.EVENT_ID)).filter(Objects::nonNull).toList();
    }

    private static Optional<UUID> uuid(String emailId) {
        try {
            return Optional.of(UUID.fromString(emailId));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty(); // no template can have this id: reported as TEMPLATE_NOT_READY like any unknown id
        }
    }
}

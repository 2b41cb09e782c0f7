package org.patientoutreach.emails.send;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.ReadOnlyMode;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.event.CatalogEvent;
import org.patientoutreach.emails.event.EventInvitations;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.template.EmailTemplate;

/**
 * What the sending rules and the rendering need about a batch of sends, loaded set-wise: one query each for the
 * templates, the contacts, the suppression list, the events the sends name and which of their journey instances have
 * ended, however many emails the batch holds.
 */
final class Recipients {

    private final Map<UUID, EmailTemplate> templates = new HashMap<>();
    private final Map<String, PatientContact> contacts = new HashMap<>();
    private final Map<String, String> suppressed = new HashMap<>();
    private final Map<String, CatalogEvent> events = new HashMap<>();
    private final Set<String> endedInstances = new HashSet<>();

    private Recipients() {
    }

    static Recipients load(Collection<String> emailIds, Collection<String> patientIds, Collection<String> eventIds,
            Collection<String> instanceIds) {
        Recipients loaded = new Recipients();
        byIds(EmailTemplate.class, emailIds.stream().distinct().map(Recipients::uuid).flatMap(Optional::stream)
                .toList()).forEach(t -> loaded.templates.put(t.id, t));
        List<String> patients = patientIds.stream().distinct().toList();
        byIds(PatientContact.class, patients).forEach(c -> loaded.contacts.put(c.patientId, c));
        byIds(Suppression.class, patients).forEach(s -> loaded.suppressed.put(s.patientId, s.reason.name()));
        byIds(CatalogEvent.class, eventIds.stream().filter(Objects::nonNull).distinct().toList())
                .forEach(e -> loaded.events.put(e.eventId, e));
        loaded.endedInstances.addAll(EndedInstances.among(instanceIds.stream().filter(Objects::nonNull).distinct()
                .toList()));
        return loaded;
    }

    /**
     * The entities of those ids that exist. Hibernate loads them with one array parameter, a statement that is the
     * same whatever the batch size; an HQL {@code in} list was translated again for each new size (most of a claim's
     * CPU, measured). Read-only: sending never changes them, so Hibernate keeps no snapshot to check at flush.
     */
    private static <T> List<T> byIds(Class<T> entity, List<?> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Panache.getSession().findMultiple(entity, ids, ReadOnlyMode.READ_ONLY).stream()
                .filter(Objects::nonNull).toList();
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

    /** Whether the journey instance that asked for a send has left its journey (false for none). */
    boolean instanceEnded(String instanceId) {
        return instanceId != null && endedInstances.contains(instanceId);
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

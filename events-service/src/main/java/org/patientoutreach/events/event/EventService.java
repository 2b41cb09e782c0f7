package org.patientoutreach.events.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.events.registration.Registration;
import org.patientoutreach.events.registration.RegistrationService;
import org.patientoutreach.events.registration.RegistrationStatus;

/**
 * Creates, edits and moves events through DRAFT → PUBLISHED → COMPLETED | CANCELLED. Every change also puts the
 * event's new public face on {@code events.catalog}, in the same transaction.
 */
@ApplicationScoped
public class EventService {

    private static final Logger LOG = Logger.getLogger(EventService.class);

    private final RegistrationService registrations;
    private final EventCatalog catalog;

    EventService(RegistrationService registrations, EventCatalog catalog) {
        this.registrations = registrations;
        this.catalog = catalog;
    }

    /** Creates a DRAFT; {@code templateKey} names the shipped template it came from, or is null. */
    @Transactional
    public EventView create(EventDefinition definition, String templateKey) {
        Event event = new Event();
        event.id = UUID.randomUUID();
        event.status = EventStatus.DRAFT;
        event.templateKey = templateKey;
        event.createdAt = Instant.now();
        event.define(definition);
        event.persistAndFlush();
        catalog.publish(event);
        LOG.infof("event %s created as a draft", event.id);
        return EventView.of(event, Map.of());
    }

    @Transactional
    public EventView get(UUID id) {
        return view(Event.require(id));
    }

    @Transactional
    public Page<EventView> list(Instant from, Instant to, EventStatus status, int page, int size) {
        Page<Event> events = Page.of(Event.overlapping(from, to, status), page, size);
        Map<UUID, Map<RegistrationStatus, Long>> counts =
                Registration.countsByEvent(events.items().stream().map(e -> e.id).toList());
        return events.map(e -> EventView.of(e, counts.getOrDefault(e.id, Map.of())));
    }

    @Transactional
    public EventView update(UUID id, EventUpdateRequest request) {
        // The row lock makes the version check authoritative and keeps registrations out while capacity changes.
        Event event = Event.requireLocked(id);
        if (event.version != request.version()) {
            throw ProblemException.conflict("Event " + id + " is at version " + event.version + ", not "
                    + request.version() + "; read it again and reapply the change");
        }
        event.requireNotFinal();
        long seated = registrations.seated(id);
        if (request.capacity() < seated) {
            throw new ProblemException(Response.Status.CONFLICT,
                    "Capacity cannot go below the " + seated + " seats already taken",
                    List.of(new Problem.FieldError("capacity", "must be at least " + seated)));
        }
        event.define(request);
        if (event.status == EventStatus.PUBLISHED) {
            // Patients already see a published event: an edit may not take away what publishing required.
            requirePublishable(event, "A published event must keep what publishing requires");
        }
        event.flush();
        registrations.fillFreeSeats(event);
        catalog.publish(event);
        LOG.infof("event %s updated to version %d", id, event.version);
        return view(event);
    }

    /** Opens a DRAFT to patients; a 409 names every field still missing. Publishing twice is harmless. */
    @Transactional
    public EventView publish(UUID id) {
        Event event = Event.requireLocked(id);
        if (event.status == EventStatus.PUBLISHED) {
            return view(event);
        }
        event.requireNotFinal();
        requirePublishable(event, "The event cannot be published yet");
        event.status = EventStatus.PUBLISHED;
        event.publishedAt = Instant.now();
        event.updatedAt = event.publishedAt;
        event.flush();
        catalog.publish(event);
        LOG.infof("event %s published", id);
        return view(event);
    }

    /**
     * Closes a PUBLISHED event once it has started: registered patients who never checked in become NO_SHOW and the
     * waitlist is cancelled. Attendance can still be corrected afterwards (check-in, import). Completing twice is
     * harmless.
     */
    @Transactional
    public EventView complete(UUID id) {
        Event event = Event.requireLocked(id);
        if (event.status == EventStatus.COMPLETED) {
            return view(event);
        }
        if (event.status != EventStatus.PUBLISHED) {
            throw ProblemException.conflict("Event " + id + " is " + event.status + "; only a PUBLISHED event completes");
        }
        Instant now = Instant.now();
        if (event.startsAt.isAfter(now)) {
            throw ProblemException.conflict("Event " + id + " has not started yet");
        }
        event.status = EventStatus.COMPLETED;
        event.completedAt = now;
        event.updatedAt = now;
        registrations.closeAttendance(event);
        event.flush();
        catalog.publish(event);
        LOG.infof("event %s completed", id);
        return view(event);
    }

    /** Cancels the event and every registration still holding or waiting for a seat. Cancelling twice is harmless. */
    @Transactional
    public EventView cancel(UUID id) {
        Event event = Event.requireLocked(id);
        if (event.status == EventStatus.CANCELLED) {
            return view(event);
        }
        if (event.status == EventStatus.COMPLETED) {
            throw ProblemException.conflict("Event " + id + " is COMPLETED; it cannot be cancelled");
        }
        event.status = EventStatus.CANCELLED;
        event.updatedAt = Instant.now();
        registrations.cancelAll(event);
        event.flush();
        catalog.publish(event);
        LOG.infof("event %s cancelled", id);
        return view(event);
    }

    private static void requirePublishable(Event event, String detail) {
        List<Problem.FieldError> missing = PublishingRules.missing(event, Instant.now());
        if (!missing.isEmpty()) {
            throw new ProblemException(Response.Status.CONFLICT, detail, missing);
        }
    }

    private static EventView view(Event event) {
        return EventView.of(event, Registration.countsByEvent(List.of(event.id)).getOrDefault(event.id, Map.of()));
    }
}

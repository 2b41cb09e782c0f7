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

/** Schedules, edits and cancels events. */
@ApplicationScoped
public class EventService {

    private static final Logger LOG = Logger.getLogger(EventService.class);

    private final RegistrationService registrations;

    EventService(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @Transactional
    public EventView create(EventRequest request) {
        Event event = new Event();
        event.id = UUID.randomUUID();
        event.status = EventStatus.SCHEDULED;
        event.createdAt = Instant.now();
        event.define(request);
        event.persistAndFlush();
        LOG.infof("event %s scheduled", event.id);
        return EventView.of(event, Map.of());
    }

    @Transactional
    public EventView get(UUID id) {
        return view(Event.require(id));
    }

    @Transactional
    public Page<EventView> list(Instant from, Instant to, int page, int size) {
        Page<Event> events = Page.of(Event.overlapping(from, to), page, size);
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
        event.requireScheduled();
        long seated = registrations.seated(id);
        if (request.capacity() < seated) {
            throw new ProblemException(Response.Status.CONFLICT,
                    "Capacity cannot go below the " + seated + " seats already taken",
                    List.of(new Problem.FieldError("capacity", "must be at least " + seated)));
        }
        event.define(request);
        event.flush();
        registrations.fillFreeSeats(event);
        LOG.infof("event %s updated to version %d", id, event.version);
        return view(event);
    }

    /** Cancels the event and every registration still holding or waiting for a seat. Cancelling twice is harmless. */
    @Transactional
    public EventView cancel(UUID id) {
        Event event = Event.requireLocked(id);
        if (event.status != EventStatus.CANCELLED) {
            event.status = EventStatus.CANCELLED;
            event.updatedAt = Instant.now();
            registrations.cancelAll(event);
            event.flush();
            LOG.infof("event %s cancelled", id);
        }
        return view(event);
    }

    private static EventView view(Event event) {
        return EventView.of(event, Registration.countsByEvent(List.of(event.id)).getOrDefault(event.id, Map.of()));
    }
}

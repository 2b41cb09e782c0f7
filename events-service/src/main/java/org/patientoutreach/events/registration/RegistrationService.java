package org.patientoutreach.events.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.events.event.Event;
import org.patientoutreach.commons.rest.Page;

/**
 * Seats, waitlist and attendance. Every method that changes registrations first takes the event's row lock
 * ({@link Event#requireLocked}), so concurrent requests for one event run one after another and the seat count
 * they read is exact: an event is never over capacity.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private final RegistrationChanges changes;

    RegistrationService(RegistrationChanges changes) {
        this.changes = changes;
    }

    /** What a registration request did: {@code created} is false when the patient already held a registration. */
    public record Outcome(RegistrationView registration, boolean created) {
    }

    @Transactional
    public Outcome register(UUID eventId, String patientId) {
        Event event = Event.requireLocked(eventId);
        Registration existing = Registration.of(eventId, patientId).orElse(null);
        if (existing != null && existing.status != RegistrationStatus.CANCELLED) {
            return new Outcome(RegistrationView.of(existing), false);
        }
        event.requireScheduled();
        if (!event.endsAt.isAfter(Instant.now())) {
            throw ProblemException.conflict("Event " + eventId + " has ended");
        }
        // A patient who cancelled and comes back re-uses the row (one per patient and event) at the back of the queue.
        Registration registration = existing != null ? existing : newRegistration(eventId, patientId);
        if (seated(eventId) < event.capacity) {
            moveTo(registration, RegistrationStatus.REGISTERED);
        } else {
            registration.waitlistOrder = nextWaitlistOrder();
            moveTo(registration, RegistrationStatus.WAITLISTED);
        }
        registration.persistAndFlush();
        LOG.infof("registration %s for event %s is %s", registration.id, eventId, registration.status);
        return new Outcome(RegistrationView.of(registration), true);
    }

    @Transactional
    public Page<RegistrationView> list(UUID eventId, RegistrationStatus status, int page, int size) {
        Event.require(eventId);
        Page<Registration> found = Page.of(Registration.ofEvent(eventId, status), page, size);
        boolean anyWaitlisted = found.items().stream().anyMatch(r -> r.status == RegistrationStatus.WAITLISTED);
        Map<UUID, Integer> positions = anyWaitlisted ? Registration.waitlistPositions(eventId) : Map.of();
        return found.map(r -> RegistrationView.of(r, positions.get(r.id)));
    }

    /** Cancels a registration; a freed seat goes to the first patient on the waitlist. Cancelling twice is harmless. */
    @Transactional
    public RegistrationView cancel(UUID eventId, UUID registrationId) {
        Event event = Event.requireLocked(eventId);
        Registration registration = require(eventId, registrationId);
        switch (registration.status) {
            case CANCELLED -> {
                return RegistrationView.of(registration);
            }
            case CHECKED_IN -> throw ProblemException.conflict(
                    "Registration " + registrationId + " has checked in; attendance cannot be cancelled");
            case REGISTERED, WAITLISTED -> {
                moveTo(registration, RegistrationStatus.CANCELLED);
                registration.flush();
                fillFreeSeats(event);
            }
        }
        LOG.infof("registration %s for event %s cancelled", registrationId, eventId);
        return RegistrationView.of(registration);
    }

    /** Records attendance. Only a REGISTERED patient checks in: a waitlisted one has no seat. */
    @Transactional
    public RegistrationView checkIn(UUID eventId, UUID registrationId) {
        Event event = Event.requireLocked(eventId);
        event.requireScheduled();
        Registration registration = require(eventId, registrationId);
        if (registration.status != RegistrationStatus.REGISTERED) {
            throw ProblemException.conflict("Registration " + registrationId + " is " + registration.status
                    + "; only a REGISTERED registration can check in");
        }
        moveTo(registration, RegistrationStatus.CHECKED_IN);
        registration.flush();
        LOG.infof("registration %s for event %s checked in", registrationId, eventId);
        return RegistrationView.of(registration);
    }

    /** How many seats are taken. The caller holds the event lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long seated(UUID eventId) {
        return Registration.seated(eventId);
    }

    /** Promotes waitlisted patients, first come first served, while seats are free. The caller holds the event lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fillFreeSeats(Event event) {
        long seated = seated(event.id);
        while (seated < event.capacity) {
            Registration next = Registration.firstWaitlisted(event.id).orElse(null);
            if (next == null) {
                return;
            }
            moveTo(next, RegistrationStatus.REGISTERED);
            next.flush();
            seated++;
            LOG.infof("registration %s for event %s promoted from the waitlist", next.id, event.id);
        }
    }

    /** Cancels every registration still holding or waiting for a seat, because the event is cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(Event event) {
        List<Registration> active = Registration.active(event.id);
        active.forEach(registration -> moveTo(registration, RegistrationStatus.CANCELLED));
        LOG.infof("event %s cancelled %d registration(s)", event.id, active.size());
    }

    private void moveTo(Registration registration, RegistrationStatus status) {
        if (status != RegistrationStatus.WAITLISTED) {
            registration.waitlistOrder = null;
        }
        registration.status = status;
        registration.updatedAt = Instant.now();
        changes.publish(registration);
    }

    private static Registration newRegistration(UUID eventId, String patientId) {
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.eventId = eventId;
        registration.patientId = patientId;
        registration.createdAt = Instant.now();
        return registration;
    }

    private static Registration require(UUID eventId, UUID registrationId) {
        Registration registration = Registration.findById(registrationId);
        if (registration == null || !registration.eventId.equals(eventId)) {
            throw ProblemException.notFound("Registration", registrationId);
        }
        return registration;
    }

    private static long nextWaitlistOrder() {
        return ((Number) Registration.getEntityManager()
                .createNativeQuery("SELECT nextval('registration_waitlist_order')")
                .getSingleResult()).longValue();
    }
}

package org.patientoutreach.events.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.events.event.Event;
import org.patientoutreach.events.event.EventStatus;

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

    /**
     * Registers a patient, or waitlists them when every seat is taken. {@code byPatient}: the patient's own signed
     * link, which only works on a PUBLISHED event; staff may also seat patients in a DRAFT.
     */
    @Transactional
    public Outcome register(UUID eventId, String patientId, boolean byPatient) {
        Event event = Event.requireLocked(eventId);
        Registration existing = Registration.of(eventId, patientId).orElse(null);
        if (existing != null && existing.status != RegistrationStatus.CANCELLED) {
            return new Outcome(RegistrationView.of(existing), false);
        }
        event.requireOpenForRegistration(byPatient, Instant.now());
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

    /** One page of the attendee list, oldest first; empty {@code statuses} keeps all, {@code patientId} may be null. */
    @Transactional
    public Page<RegistrationView> list(UUID eventId, Collection<RegistrationStatus> statuses, String patientId,
            int page, int size) {
        Event.require(eventId);
        Page<Registration> found = Page.of(Registration.ofEvent(eventId, statuses, patientId), page, size);
        Map<UUID, Integer> positions = positionsIfNeeded(eventId, found.items());
        return found.map(r -> RegistrationView.of(r, positions.get(r.id)));
    }

    /** The whole attendee list with the same filters, for export. */
    @Transactional
    public List<RegistrationView> all(UUID eventId, Collection<RegistrationStatus> statuses) {
        Event.require(eventId);
        List<Registration> found = Registration.ofEvent(eventId, statuses, null).list();
        Map<UUID, Integer> positions = positionsIfNeeded(eventId, found);
        return found.stream().map(r -> RegistrationView.of(r, positions.get(r.id))).toList();
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
            case CHECKED_IN, NO_SHOW -> throw ProblemException.conflict("Registration " + registrationId + " is "
                    + registration.status + "; attendance cannot be cancelled");
            case REGISTERED, WAITLISTED -> {
                moveTo(registration, RegistrationStatus.CANCELLED);
                registration.flush();
                fillFreeSeats(event);
            }
        }
        LOG.infof("registration %s for event %s cancelled", registrationId, eventId);
        return RegistrationView.of(registration);
    }

    /**
     * Records attendance at the door. A REGISTERED patient checks in; so does a NO_SHOW one, which corrects the
     * attendance of a completed event. A waitlisted patient has no seat.
     */
    @Transactional
    public RegistrationView checkIn(UUID eventId, UUID registrationId) {
        Event event = Event.requireLocked(eventId);
        requireNotCancelled(event);
        Registration registration = require(eventId, registrationId);
        if (!attend(registration, AttendanceSource.STAFF)) {
            throw ProblemException.conflict("Registration " + registrationId + " is " + registration.status
                    + "; only a REGISTERED or NO_SHOW registration can check in");
        }
        registration.flush();
        LOG.infof("registration %s for event %s checked in", registrationId, eventId);
        return RegistrationView.of(registration);
    }

    /**
     * Checks in everyone a virtual meeting's attendance report names, by registration id or patient id, in one
     * transaction. Rows naming nobody registered to this event, or a registration without a seat, are reported by
     * line number and change nothing; importing the same report twice checks nobody in twice.
     */
    @Transactional
    public AttendanceImportView importAttendance(UUID eventId, List<AttendanceReport.Row> rows) {
        Event event = Event.requireLocked(eventId);
        requireNotCancelled(event);
        if (!event.format.isOnline()) {
            throw new ProblemException(Response.Status.CONFLICT, "Attendance imports are for virtual and hybrid events",
                    List.of(new Problem.FieldError("format", "is " + event.format)));
        }
        int checkedIn = 0;
        int already = 0;
        List<Integer> withoutSeat = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        for (AttendanceReport.Row row : rows) {
            Registration registration = find(eventId, row.id());
            if (registration == null) {
                unknown.add(row.line());
            } else if (registration.status == RegistrationStatus.CHECKED_IN) {
                already++;
            } else if (attend(registration, AttendanceSource.IMPORT)) {
                registration.flush();
                checkedIn++;
            } else {
                withoutSeat.add(row.line());
            }
        }
        LOG.infof("attendance import for event %s: %d row(s), %d checked in", eventId, rows.size(), checkedIn);
        return new AttendanceImportView(rows.size(), checkedIn, already, withoutSeat, unknown);
    }

    /** The .ics invite of one registration. */
    @Transactional
    public String calendar(UUID eventId, UUID registrationId) {
        return RegistrationCalendar.of(Event.require(eventId), require(eventId, registrationId));
    }

    /** The .ics invite of the patient's registration to the event, for the patient's own link. */
    @Transactional
    public String calendarOfPatient(UUID eventId, String patientId) {
        Event event = Event.require(eventId);
        Registration registration = Registration.of(eventId, patientId)
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "No registration for this link"));
        return RegistrationCalendar.of(event, registration);
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

    /** The event took place: whoever held a seat without checking in is a NO_SHOW; the waitlist is over. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeAttendance(Event event) {
        List<Registration> noShows = Registration.withStatus(event.id, RegistrationStatus.REGISTERED);
        noShows.forEach(registration -> moveTo(registration, RegistrationStatus.NO_SHOW));
        List<Registration> waiting = Registration.withStatus(event.id, RegistrationStatus.WAITLISTED);
        waiting.forEach(registration -> moveTo(registration, RegistrationStatus.CANCELLED));
        LOG.infof("event %s closed: %d no-show(s), %d waitlisted cancelled", event.id, noShows.size(), waiting.size());
    }

    private boolean attend(Registration registration, AttendanceSource source) {
        if (registration.status != RegistrationStatus.REGISTERED && registration.status != RegistrationStatus.NO_SHOW) {
            return false;
        }
        registration.checkedInAt = Instant.now();
        registration.attendanceSource = source;
        moveTo(registration, RegistrationStatus.CHECKED_IN);
        return true;
    }

    private void moveTo(Registration registration, RegistrationStatus status) {
        if (status != RegistrationStatus.WAITLISTED) {
            registration.waitlistOrder = null;
        }
        registration.status = status;
        registration.updatedAt = Instant.now();
        changes.publish(registration);
    }

    private static void requireNotCancelled(Event event) {
        if (event.status == EventStatus.CANCELLED) {
            throw ProblemException.conflict("Event " + event.id + " is cancelled");
        }
    }

    private static Map<UUID, Integer> positionsIfNeeded(UUID eventId, List<Registration> registrations) {
        boolean anyWaitlisted = registrations.stream().anyMatch(r -> r.status == RegistrationStatus.WAITLISTED);
        return anyWaitlisted ? Registration.waitlistPositions(eventId) : Map.of();
    }

    /** A report row names a registration of this event by its id, or its patient. */
    private static Registration find(UUID eventId, String id) {
        Registration byId = parseUuid(id) == null ? null : Registration.findById(parseUuid(id));
        if (byId != null && byId.eventId.equals(eventId)) {
            return byId;
        }
        return Registration.of(eventId, id).orElse(null);
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Registration newRegistration(UUID eventId, String patientId) {
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.eventId = eventId;
        registration.patientId = patientId;
        registration.createdAt = Instant.now();
        return registration;
    }

    static Registration require(UUID eventId, UUID registrationId) {
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

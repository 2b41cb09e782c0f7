package org.patientoutreach.journeys.journey;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;

/** Journey definitions and their lifecycle: DRAFT (editable) -> LIVE <-> PAUSED. */
@ApplicationScoped
public class JourneyService {

    private static final Logger LOG = Logger.getLogger(JourneyService.class);

    private final GraphValidator graphValidator = new GraphValidator();
    private final Event<JourneyActivated> activated;

    @Inject
    public JourneyService(Event<JourneyActivated> activated) {
        this.activated = activated;
    }

    @Transactional
    public JourneyView create(JourneyRequest request) {
        validate(request);
        Journey journey = new Journey();
        journey.id = UUID.randomUUID();
        journey.status = JourneyStatus.DRAFT;
        journey.createdAt = Instant.now();
        apply(journey, request);
        journey.persistAndFlush();
        LOG.infof("journey %s created", journey.id);
        return JourneyView.of(journey);
    }

    @Transactional
    public Page<JourneyView> list(int page, int size) {
        return Page.of(Journey.<Journey>findAll(Sort.descending("createdAt").and("id")), page, size).map(JourneyView::of);
    }

    @Transactional
    public JourneyView get(UUID id) {
        return JourneyView.of(Journey.require(id));
    }

    @Transactional
    public JourneyView update(UUID id, JourneyRequest request) {
        if (request.version() == null) {
            throw ProblemException.badField("version", "is required to replace a journey");
        }
        validate(request);
        Journey journey = Journey.require(id);
        if (journey.status != JourneyStatus.DRAFT) {
            throw ProblemException.conflict("Only a DRAFT journey can be edited; journey " + id + " is " + journey.status);
        }
        if (journey.version != request.version()) {
            throw ProblemException.conflict("Journey " + id + " changed since version " + request.version()
                    + "; it is now at version " + journey.version);
        }
        apply(journey, request);
        flushOrConflict(journey);
        return JourneyView.of(journey);
    }

    @Transactional
    public JourneyView activate(UUID id) {
        Journey journey = Journey.require(id);
        if (journey.status == JourneyStatus.LIVE) {
            throw ProblemException.conflict("Journey " + id + " is already LIVE");
        }
        journey.status = JourneyStatus.LIVE;
        journey.updatedAt = Instant.now();
        flushOrConflict(journey);
        activated.fire(new JourneyActivated(journey));
        LOG.infof("journey %s is LIVE", id);
        return JourneyView.of(journey);
    }

    @Transactional
    public JourneyView pause(UUID id) {
        Journey journey = Journey.require(id);
        if (journey.status != JourneyStatus.LIVE) {
            throw ProblemException.conflict("Only a LIVE journey can be paused; journey " + id + " is " + journey.status);
        }
        journey.status = JourneyStatus.PAUSED;
        journey.updatedAt = Instant.now();
        flushOrConflict(journey);
        LOG.infof("journey %s paused", id);
        return JourneyView.of(journey);
    }

    private void validate(JourneyRequest request) {
        Entry entry = request.entry();
        if (entry.type() == EntryType.SEGMENT && entry.segmentId() == null) {
            throw ProblemException.badField("entry.segmentId", "is required for a SEGMENT entry");
        }
        if (entry.type() == EntryType.TRIGGER && entry.triggerId() == null) {
            throw ProblemException.badField("entry.triggerId", "is required for a TRIGGER entry");
        }
        List<Problem.FieldError> errors = graphValidator.validate(request.graph());
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "The journey graph is not valid", errors);
        }
    }

    private static void apply(Journey journey, JourneyRequest request) {
        Entry entry = request.entry();
        journey.name = request.name();
        journey.description = request.description();
        journey.entryType = entry.type();
        // Only the id that matches the entry type is kept, so a journey is never looked up by a stale one.
        journey.segmentId = entry.type() == EntryType.SEGMENT ? entry.segmentId() : null;
        journey.triggerId = entry.type() == EntryType.TRIGGER ? entry.triggerId() : null;
        journey.reentry = request.reentryOrDefault();
        journey.graph = request.graph();
        journey.updatedAt = Instant.now();
    }

    /** Flushes now, so a concurrent edit surfaces as 409 here rather than as a failed commit later. */
    private static void flushOrConflict(Journey journey) {
        try {
            Journey.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw ProblemException.conflict("Journey " + journey.id + " was changed concurrently; read it again");
        }
    }
}

package org.patientoutreach.journeys.journey;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;

/**
 * Journey definitions, their revisions and lifecycle: DRAFT (editable) -> LIVE <-> PAUSED -> STOPPED, and LIVE ->
 * COMPLETED once the end date passes. A LIVE revision never changes; a new revision is a copy that, once live,
 * takes the new entrants while the older one finishes its instances.
 */
@ApplicationScoped
public class JourneyService {

    private static final Logger LOG = Logger.getLogger(JourneyService.class);

    private final GraphValidator graphValidator = new GraphValidator();
    private final GoLiveChecks goLiveChecks;
    private final Event<JourneyActivated> activated;
    private final Event<JourneyStopped> stopped;

    @Inject
    public JourneyService(GoLiveChecks goLiveChecks, Event<JourneyActivated> activated, Event<JourneyStopped> stopped) {
        this.goLiveChecks = goLiveChecks;
        this.activated = activated;
        this.stopped = stopped;
    }

    @Transactional
    public JourneyView create(JourneyRequest request) {
        validate(request);
        Journey journey = new Journey();
        journey.id = UUID.randomUUID();
        journey.lineageId = journey.id;
        journey.revision = 1;
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
            throw ProblemException.conflict("Only a DRAFT journey can be edited; journey " + id + " is "
                    + journey.status + ": create a new revision to change it");
        }
        if (journey.version != request.version()) {
            throw ProblemException.conflict("Journey " + id + " changed since version " + request.version()
                    + "; it is now at version " + journey.version);
        }
        apply(journey, request);
        flushOrConflict(journey);
        return JourneyView.of(journey);
    }

    /** A DRAFT copy of the revision, numbered after the lineage's latest; at most one DRAFT per lineage. */
    @Transactional
    public JourneyView newRevision(UUID id) {
        Journey source = Journey.require(id);
        if (Journey.count("lineageId = ?1 and status = ?2", source.lineageId, JourneyStatus.DRAFT) > 0) {
            throw ProblemException.conflict("Journey " + source.lineageId + " already has a DRAFT revision");
        }
        Journey draft = new Journey();
        draft.id = UUID.randomUUID();
        draft.lineageId = source.lineageId;
        draft.revision = 1 + Journey.<Journey>find("lineageId", Sort.descending("revision"), source.lineageId)
                .firstResult().revision;
        draft.status = JourneyStatus.DRAFT;
        draft.createdAt = Instant.now();
        draft.updatedAt = draft.createdAt;
        draft.name = source.name;
        draft.description = source.description;
        draft.entryType = source.entryType;
        draft.segmentId = source.segmentId;
        draft.entryMode = source.entryMode;
        draft.triggerId = source.triggerId;
        draft.entryConditions = Map.copyOf(source.entryConditions);
        draft.reentry = source.reentry;
        draft.reentryAfterDays = source.reentryAfterDays;
        copySettings(draft, source.settings());
        draft.graph = source.graph;
        draft.persistAndFlush();
        LOG.infof("journey %s: revision %d created as %s", draft.lineageId, draft.revision, draft.id);
        return JourneyView.of(draft);
    }

    @Transactional
    public JourneyView activate(UUID id) {
        Journey journey = Journey.require(id);
        if (journey.status != JourneyStatus.DRAFT && journey.status != JourneyStatus.PAUSED) {
            throw ProblemException.conflict("Only a DRAFT or PAUSED journey can go live; journey " + id + " is "
                    + journey.status);
        }
        if (journey.supersededAt != null) {
            throw ProblemException.conflict("Journey " + id + " was superseded by a later revision");
        }
        boolean firstTime = journey.status == JourneyStatus.DRAFT;
        if (firstTime) {
            List<Problem.FieldError> errors = goLiveChecks.check(journey);
            if (!errors.isEmpty()) {
                throw new ProblemException(Response.Status.CONFLICT, "Journey " + id + " cannot go live", errors);
            }
            Journey.update("supersededAt = ?1, updatedAt = ?1, version = version + 1 where lineageId = ?2 and id <> ?3 "
                    + "and supersededAt is null and status <> ?4", Instant.now(), journey.lineageId, id,
                    JourneyStatus.DRAFT);
        }
        journey.status = JourneyStatus.LIVE;
        journey.updatedAt = Instant.now();
        flushOrConflict(journey);
        activated.fire(new JourneyActivated(journey, firstTime));
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

    /** Ends a LIVE or PAUSED journey for good: every instance still running exits. */
    @Transactional
    public JourneyView stop(UUID id) {
        Journey journey = Journey.require(id);
        if (journey.status != JourneyStatus.LIVE && journey.status != JourneyStatus.PAUSED) {
            throw ProblemException.conflict("Only a LIVE or PAUSED journey can be stopped; journey " + id + " is "
                    + journey.status);
        }
        journey.status = JourneyStatus.STOPPED;
        journey.updatedAt = Instant.now();
        flushOrConflict(journey);
        stopped.fire(new JourneyStopped(id));
        LOG.infof("journey %s stopped", id);
        return JourneyView.of(journey);
    }

    private void validate(JourneyRequest request) {
        Entry entry = request.entry();
        JourneySettings settings = request.settingsOrNone();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (entry.type() == EntryType.SEGMENT && entry.segmentId() == null) {
            errors.add(new Problem.FieldError("entry.segmentId", "is required for a SEGMENT entry"));
        }
        if (entry.type() == EntryType.TRIGGER && entry.triggerId() == null) {
            errors.add(new Problem.FieldError("entry.triggerId", "is required for a TRIGGER entry"));
        }
        if (entry.type() == EntryType.TRIGGER && entry.mode() != null) {
            errors.add(new Problem.FieldError("entry.mode", "only applies to a SEGMENT entry"));
        }
        if (entry.type() == EntryType.SEGMENT && !entry.conditionsOrEmpty().isEmpty()) {
            errors.add(new Problem.FieldError("entry.conditions", "only apply to a TRIGGER entry"));
        }
        if ((request.reentryOrDefault() == Reentry.AFTER) != (request.reentryAfterDays() != null)) {
            errors.add(new Problem.FieldError("reentryAfterDays", "is required with reentry AFTER, and only then"));
        }
        if (settings.startAt() != null && settings.endAt() != null && !settings.endAt().isAfter(settings.startAt())) {
            errors.add(new Problem.FieldError("settings.endAt", "must be after settings.startAt"));
        }
        if (settings.exitsOnSegmentExit() && entry.type() != EntryType.SEGMENT) {
            errors.add(new Problem.FieldError("settings.exitOnSegmentExit", "only applies to a SEGMENT entry"));
        }
        Goal goal = settings.goal();
        if (goal != null && (goal.interaction().aboutEmail() || goal.eventId() == null)) {
            errors.add(new Problem.FieldError("settings.goal", "must be EVENT_REGISTERED or EVENT_ATTENDED with an eventId"));
        }
        SendWindow window = settings.sendWindow();
        if (window != null && window.from() != null && window.until() != null
                && SendWindow.minuteOf(window.until()) <= SendWindow.minuteOf(window.from())) {
            errors.add(new Problem.FieldError("settings.sendWindow.until", "must be at least a minute after from"));
        }
        errors.addAll(graphValidator.validate(request.graph()));
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "The journey definition is not valid", errors);
        }
    }

    private static void apply(Journey journey, JourneyRequest request) {
        Entry entry = request.entry();
        journey.name = request.name();
        journey.description = request.description();
        journey.entryType = entry.type();
        // Only the fields that match the entry type are kept, so a journey is never looked up by a stale one.
        boolean segment = entry.type() == EntryType.SEGMENT;
        journey.segmentId = segment ? entry.segmentId() : null;
        journey.entryMode = segment ? entry.modeOrDefault() : EntryMode.ONGOING;
        journey.triggerId = segment ? null : entry.triggerId();
        journey.entryConditions = segment ? Map.of() : Map.copyOf(entry.conditionsOrEmpty());
        journey.reentry = request.reentryOrDefault();
        journey.reentryAfterDays = request.reentryAfterDays();
        copySettings(journey, request.settingsOrNone());
        journey.graph = request.graph();
        journey.updatedAt = Instant.now();
    }

    private static void copySettings(Journey journey, JourneySettings settings) {
        journey.startAt = settings.startAt();
        journey.endAt = settings.endAt();
        journey.exclusionSegmentId = settings.exclusionSegmentId();
        journey.exitOnSegmentExit = settings.exitsOnSegmentExit();
        journey.exitTriggerId = settings.exitTriggerId();
        journey.goalType = settings.goal() == null ? null : settings.goal().interaction();
        journey.goalEventId = settings.goal() == null ? null : settings.goal().eventId();
        SendWindow window = settings.sendWindow();
        journey.sendWindowDays = window == null ? null
                : window.isoDays().stream().map(String::valueOf).collect(Collectors.joining(","));
        journey.sendWindowFrom = window == null ? null : window.from().withSecond(0).withNano(0);
        journey.sendWindowUntil = window == null ? null : window.until().withSecond(0).withNano(0);
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

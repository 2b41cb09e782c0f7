package org.patientoutreach.journeys.journey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.commons.problem.Problem.FieldError;
import org.patientoutreach.journeys.email.EmailCatalog;
import org.patientoutreach.journeys.event.EventCatalog;
import org.patientoutreach.journeys.segment.SegmentCatalog;
import org.patientoutreach.journeys.trigger.TriggerCatalog;
import org.patientoutreach.schemas.EmailStatus;
import org.patientoutreach.schemas.EventStatus;
import org.patientoutreach.schemas.SegmentStatus;
import org.patientoutreach.schemas.TriggerStatus;

/**
 * Checks against other services' data, made when a DRAFT goes live (the data may change after creation), each from
 * the projection of that service's compacted catalog topic:
 * <ul>
 * <li>every segment the journey names (entry, exclusion, membership branches) is LIVE (segments.catalog): only a live
 * segment is evaluated, so another one would never bring anyone in, keep anyone out or answer a branch;</li>
 * <li>every trigger (entry, exit trigger) is ACTIVE (triggers.catalog): another one never fires;</li>
 * <li>every email a node sends is READY (emails.catalog): email-service refuses to send another one;</li>
 * <li>every event a node or the goal names is in events.catalog, and an invitation's event is PUBLISHED and not
 * started.</li>
 * </ul>
 * Each refusal names the field that holds the reference. The catalogs arrive asynchronously: a thing made a moment
 * ago may not be known yet ("names no … in the catalog"), so a client that has just made it retries the go-live.
 */
@ApplicationScoped
public class GoLiveChecks {

    private final EventCatalog events;
    private final SegmentCatalog segments;
    private final TriggerCatalog triggers;
    private final EmailCatalog emails;

    @Inject
    public GoLiveChecks(EventCatalog events, SegmentCatalog segments, TriggerCatalog triggers, EmailCatalog emails) {
        this.events = events;
        this.segments = segments;
        this.triggers = triggers;
        this.emails = emails;
    }

    public List<FieldError> check(Journey journey) {
        List<FieldError> errors = new ArrayList<>();
        if (journey.entryType == EntryType.SEGMENT) {
            checkSegment(errors, "entry.segmentId", journey.segmentId);
        } else if (journey.entryType == EntryType.TRIGGER) {
            checkTrigger(errors, "entry.triggerId", journey.triggerId);
        }
        checkSegment(errors, "settings.exclusionSegmentId", journey.exclusionSegmentId);
        checkTrigger(errors, "settings.exitTriggerId", journey.exitTriggerId);
        List<Node> nodes = journey.graph.nodes();
        Instant now = Instant.now();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.type() == NodeType.SEND_EMAIL || node.type() == NodeType.INVITE_TO_EVENT) {
                checkEmail(errors, "nodes[" + i + "].emailId", node.emailId());
            }
            String field = "nodes[" + i + "].eventId";
            if (node.type() == NodeType.INVITE_TO_EVENT) {
                Optional<EventCatalog.Event> event = events.find(node.eventId());
                if (event.isEmpty()) {
                    errors.add(unknown(field, "event"));
                } else if (event.get().status() != EventStatus.PUBLISHED) {
                    errors.add(new FieldError(field, "event is " + event.get().status() + ", not PUBLISHED"));
                } else if (!event.get().startsAt().isAfter(now)) {
                    errors.add(new FieldError(field, "event has already started"));
                }
            } else if (node.eventId() != null && events.find(node.eventId()).isEmpty()) {
                errors.add(unknown(field, "event"));
            }
            if (node.type() == NodeType.BRANCH_ATTRIBUTE) {
                checkSegment(errors, "nodes[" + i + "].segmentId", node.segmentId());
            }
        }
        if (journey.goalEventId != null && events.find(journey.goalEventId).isEmpty()) {
            errors.add(unknown("settings.goal.eventId", "event"));
        }
        return errors;
    }

    private void checkSegment(List<FieldError> errors, String field, UUID segmentId) {
        if (segmentId != null) {
            Optional<SegmentStatus> status = segments.status(segmentId);
            if (status.isEmpty()) {
                errors.add(unknown(field, "segment"));
            } else if (status.get() != SegmentStatus.LIVE) {
                errors.add(new FieldError(field, "segment is " + status.get() + ", not LIVE"));
            }
        }
    }

    private void checkTrigger(List<FieldError> errors, String field, UUID triggerId) {
        if (triggerId != null) {
            Optional<TriggerStatus> status = triggers.status(triggerId);
            if (status.isEmpty()) {
                errors.add(unknown(field, "trigger"));
            } else if (status.get() != TriggerStatus.ACTIVE) {
                errors.add(new FieldError(field, "trigger is " + status.get() + ", not ACTIVE"));
            }
        }
    }

    private void checkEmail(List<FieldError> errors, String field, UUID emailId) {
        if (emailId != null) {
            Optional<EmailStatus> status = emails.status(emailId);
            if (status.isEmpty()) {
                errors.add(unknown(field, "email"));
            } else if (status.get() != EmailStatus.READY) {
                errors.add(new FieldError(field, "email is " + status.get() + ", not READY"));
            }
        }
    }

    private static FieldError unknown(String field, String kind) {
        return new FieldError(field, "names no " + kind + " in the catalog");
    }
}

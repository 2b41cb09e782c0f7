package org.patientoutreach.journeys.journey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.patientoutreach.commons.problem.Problem.FieldError;
import org.patientoutreach.journeys.event.EventCatalog;
import org.patientoutreach.schemas.EventStatus;

/**
 * Checks against other services' data, made when a DRAFT goes live (the data may change after creation): every
 * event a node or the goal names is in the events.catalog projection, and an invitation's event is PUBLISHED and
 * not started. Email templates, segments and triggers are taken as given: no topic carries their definitions, so
 * this service cannot know whether they are ready (see README).
 */
@ApplicationScoped
public class GoLiveChecks {

    private final EventCatalog catalog;

    @Inject
    public GoLiveChecks(EventCatalog catalog) {
        this.catalog = catalog;
    }

    public List<FieldError> check(Journey journey) {
        List<FieldError> errors = new ArrayList<>();
        List<Node> nodes = journey.graph.nodes();
        Instant now = Instant.now();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            String field = "nodes[" + i + "].eventId";
            if (node.type() == NodeType.INVITE_TO_EVENT) {
                Optional<EventCatalog.Event> event = catalog.find(node.eventId());
                if (event.isEmpty()) {
                    errors.add(new FieldError(field, "names no event in the catalog"));
                } else if (event.get().status() != EventStatus.PUBLISHED) {
                    errors.add(new FieldError(field, "event is " + event.get().status() + ", not PUBLISHED"));
                } else if (!event.get().startsAt().isAfter(now)) {
                    errors.add(new FieldError(field, "event has already started"));
                }
            } else if (node.eventId() != null && catalog.find(node.eventId()).isEmpty()) {
                errors.add(new FieldError(field, "names no event in the catalog"));
            }
        }
        if (journey.goalEventId != null && catalog.find(journey.goalEventId).isEmpty()) {
            errors.add(new FieldError("settings.goal.eventId", "names no event in the catalog"));
        }
        return errors;
    }
}

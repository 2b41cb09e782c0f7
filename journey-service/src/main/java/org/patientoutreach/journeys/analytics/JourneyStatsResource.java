package org.patientoutreach.journeys.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.journeys.delivery.EmailDelivery;
import org.patientoutreach.journeys.instance.InstanceStep;
import org.patientoutreach.journeys.instance.StepOutcome;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.Node;
import org.patientoutreach.schemas.DeliveryEventType;

@Path("/api/journeys/{journeyId}/stats")
@Tag(name = "Journey analytics", description = "How a journey is performing")
@Produces(MediaType.APPLICATION_JSON)
// Counts only, no patient ids: analysts may read them.
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
public class JourneyStatsResource {

    @GET
    @Transactional
    @Operation(summary = "Entries, progress, exits, goals and email outcomes of a journey revision, in total and per step")
    @APIResponse(responseCode = "404", description = "No such journey")
    public JourneyStats stats(@PathParam("journeyId") UUID journeyId) {
        Journey journey = Journey.require(journeyId);
        Map<String, Map<String, Long>> byNode = new HashMap<>();
        Map<String, Long> totals = new HashMap<>();
        for (Object[] row : rows("""
                SELECT current_node_id, status, count(*) FROM journey_instance WHERE journey_id = :id
                GROUP BY current_node_id, status""", journeyId)) {
            long n = ((Number) row[2]).longValue();
            byNode.computeIfAbsent((String) row[0], k -> new HashMap<>()).merge("now:" + row[1], n, Long::sum);
            totals.merge((String) row[1], n, Long::sum);
        }
        for (Object[] row : rows("""
                SELECT node_id, outcome, count(*) FROM instance_step_log WHERE journey_id = :id
                GROUP BY node_id, outcome""", journeyId)) {
            byNode.computeIfAbsent((String) row[0], k -> new HashMap<>())
                    .merge((String) row[1], ((Number) row[2]).longValue(), Long::sum);
        }
        long goalReached = ((Number) rows("""
                SELECT count(*), 0 FROM journey_instance WHERE journey_id = :id AND goal_reached_at IS NOT NULL""",
                journeyId).get(0)[0]).longValue();
        List<StepStats> steps = journey.graph.nodes().stream()
                .map(node -> step(node, byNode.getOrDefault(node.id(), Map.of()))).toList();
        long running = totals.getOrDefault("ACTIVE", 0L) + totals.getOrDefault("WAITING", 0L);
        long entered = totals.values().stream().mapToLong(Long::longValue).sum();
        return new JourneyStats(entered, running, totals.getOrDefault("WAITING", 0L),
                totals.getOrDefault("COMPLETED", 0L), totals.getOrDefault("EXITED", 0L), goalReached,
                totals.getOrDefault("FAILED", 0L), InstanceStep.emailsRequested(journeyId),
                EmailDelivery.requestsWith(journeyId, DeliveryEventType.SENT),
                EmailDelivery.requestsWith(journeyId, DeliveryEventType.SUPPRESSED),
                EmailDelivery.requestsWith(journeyId, DeliveryEventType.OPENED), steps);
    }

    private static StepStats step(Node node, Map<String, Long> counts) {
        long entered = 0;
        for (StepOutcome outcome : StepOutcome.values()) {
            if (outcome.isArrival()) {
                entered += counts.getOrDefault(outcome.name(), 0L);
            }
        }
        long active = counts.getOrDefault("now:ACTIVE", 0L);
        long waiting = counts.getOrDefault("now:WAITING", 0L);
        long completed = counts.getOrDefault(StepOutcome.COMPLETED.name(), 0L);
        long exited = counts.getOrDefault(StepOutcome.EXITED.name(), 0L);
        long goal = counts.getOrDefault(StepOutcome.GOAL_REACHED.name(), 0L);
        long failed = counts.getOrDefault(StepOutcome.FAILED.name(), 0L);
        // An instance enrolled in bulk and not yet started sits at the start node without having arrived there.
        long arrivedAndHere = Math.min(entered, active + waiting);
        long passed = Math.max(0, entered - arrivedAndHere - completed - exited - goal - failed);
        return new StepStats(node.id(), node.type().name(), entered, active + waiting, waiting, passed, completed,
                exited, goal, failed);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String sql, UUID journeyId) {
        return Journey.getEntityManager().createNativeQuery(sql).setParameter("id", journeyId).getResultList();
    }
}

package org.patientoutreach.journeys.instance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.journeys.journey.JourneyGraph;
import org.patientoutreach.journeys.journey.Node;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Moves an instance through its graph inside the caller's transaction: the instance row, its step log and the
 * email requests (through the outbox) commit together, so a crash between steps loses or repeats nothing.
 */
@ApplicationScoped
public class JourneyExecutor {

    private final Outbox outbox;
    private final JourneysConfig config;

    @Inject
    public JourneyExecutor(Outbox outbox, JourneysConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** The request id of a SEND_EMAIL step: the same instance and node always give the same id. */
    public static UUID requestId(UUID instanceId, String nodeId) {
        return UUID.nameUUIDFromBytes((instanceId + ":" + nodeId).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the instance from its current node until it waits or exits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(JourneyInstance instance, JourneyGraph graph) {
        // The graph is acyclic (GraphValidator), so this loop visits each node at most once.
        while (instance.status == InstanceStatus.ACTIVE) {
            Node node = nodeOf(instance, graph);
            Instant now = Instant.now();
            switch (node.type()) {
                case SEND_EMAIL -> {
                    UUID requestId = requestEmail(instance, node, now);
                    InstanceStep.record(instance, node.id(), StepOutcome.EMAIL_REQUESTED, requestId, now);
                    instance.currentNodeId = node.next();
                }
                case WAIT -> {
                    instance.status = InstanceStatus.WAITING;
                    instance.wakeAt = now.plus(node.waitDuration());
                    InstanceStep.record(instance, node.id(), StepOutcome.WAIT_STARTED, null, now);
                }
                case EXIT -> {
                    instance.status = InstanceStatus.COMPLETED;
                    instance.completedAt = now;
                    InstanceStep.record(instance, node.id(), StepOutcome.EXITED, null, now);
                }
            }
            instance.updatedAt = now;
        }
    }

    /** Ends the wait the instance is in and runs it on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resume(JourneyInstance instance, JourneyGraph graph) {
        Node wait = nodeOf(instance, graph);
        InstanceStep.record(instance, wait.id(), StepOutcome.WAIT_ENDED, null, Instant.now());
        instance.status = InstanceStatus.ACTIVE;
        instance.wakeAt = null;
        instance.currentNodeId = wait.next();
        advance(instance, graph);
    }

    private UUID requestEmail(JourneyInstance instance, Node node, Instant now) {
        UUID requestId = requestId(instance.id, node.id());
        EmailSendRequested request = EmailSendRequested.newBuilder()
                .setRequestId(requestId.toString())
                .setEmailId(node.emailId().toString())
                .setPatientId(instance.patientId)
                .setJourneyId(instance.journeyId.toString())
                .setInstanceId(instance.id.toString())
                .setStepId(node.id())
                .setContext(new HashMap<>(instance.context))
                .setCommercial(false)
                .setRequestedAt(now)
                .build();
        outbox.publish(config.topics().emailRequests(), instance.patientId, request);
        return requestId;
    }

    private static Node nodeOf(JourneyInstance instance, JourneyGraph graph) {
        return graph.node(instance.currentNodeId).orElseThrow(() -> new IllegalStateException(
                "journey " + instance.journeyId + " has no node " + instance.currentNodeId));
    }
}

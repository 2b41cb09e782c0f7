package org.patientoutreach.journeys.instance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.Node;
import org.patientoutreach.journeys.journey.NodeType;
import org.patientoutreach.journeys.journey.SendWindow;
import org.patientoutreach.journeys.journey.SplitPath;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Moves an instance through its graph inside the caller's transaction: the instance row, its step log and the
 * email requests (through the outbox) commit together, so a crash between steps loses or repeats nothing.
 */
@ApplicationScoped
public class JourneyExecutor {

    /** A validated graph waits on every loop; this only stops a graph whose waits all end at once from spinning. */
    static final int MAX_STEPS_WITHOUT_WAITING = 500;

    private final Outbox outbox;
    private final JourneysConfig config;
    private final Conditions conditions;
    // A LIVE revision never changes, so which of its nodes lie on loops is computed once.
    private final Map<UUID, Set<String>> loopNodes = new ConcurrentHashMap<>();

    @Inject
    public JourneyExecutor(Outbox outbox, JourneysConfig config, Conditions conditions) {
        this.outbox = outbox;
        this.config = config;
        this.conditions = conditions;
    }

    /** The request id of a send step's first visit: the same instance and node always give the same id. */
    public static UUID requestId(UUID instanceId, String nodeId) {
        return UUID.nameUUIDFromBytes((instanceId + ":" + nodeId).getBytes(StandardCharsets.UTF_8));
    }

    /** Later visits of a node on a loop count themselves in, so each visit asks once and a replay asks the same. */
    static UUID requestId(UUID instanceId, String nodeId, long visit) {
        return visit <= 1 ? requestId(instanceId, nodeId)
                : UUID.nameUUIDFromBytes((instanceId + ":" + nodeId + ":" + visit).getBytes(StandardCharsets.UTF_8));
    }

    /** Which SPLIT path (0-based) an instance takes at a visit: derived from its ids, so a replay takes the same. */
    static int splitPath(UUID instanceId, String nodeId, long visit, List<SplitPath> paths) {
        int bucket = Math.floorMod(requestId(instanceId, nodeId, visit).getLeastSignificantBits(), 100);
        int upTo = 0;
        for (int i = 0; i < paths.size(); i++) {
            upTo += paths.get(i).percent();
            if (bucket < upTo) {
                return i;
            }
        }
        return paths.size() - 1;
    }

    /** Runs the instance from its current node until it waits or ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(JourneyInstance instance, Journey journey) {
        Instant now = Instant.now();
        instance.status = InstanceStatus.ACTIVE;
        instance.wakeAt = null;
        instance.deadline = null;
        int steps = 0;
        while (instance.status == InstanceStatus.ACTIVE) {
            if (++steps > MAX_STEPS_WITHOUT_WAITING) {
                throw new IllegalStateException("instance " + instance.id + " ran " + MAX_STEPS_WITHOUT_WAITING
                        + " steps without waiting");
            }
            Node node = nodeOf(instance, journey);
            long visit = visit(instance, journey, node);
            switch (node.type()) {
                case SEND_EMAIL -> {
                    UUID requestId = requestEmail(instance, journey, node, visit, instance.context, now);
                    InstanceStep.record(instance, node.id(), StepOutcome.EMAIL_REQUESTED, requestId, null, now);
                    instance.currentNodeId = node.next();
                }
                case INVITE_TO_EVENT -> {
                    Map<String, String> context = new HashMap<>(instance.context);
                    context.put("eventId", node.eventId().toString());
                    UUID requestId = requestEmail(instance, journey, node, visit, context, now);
                    InstanceStep.record(instance, node.id(), StepOutcome.INVITE_REQUESTED, requestId,
                            "event " + node.eventId(), now);
                    instance.currentNodeId = node.next();
                }
                case WAIT -> startWait(instance, node, now);
                case BRANCH_INTERACTION -> {
                    if (conditions.happened(instance, node)) {
                        InstanceStep.record(instance, node.id(), StepOutcome.BRANCHED, null,
                                "yes: " + node.interaction() + " already happened", now);
                        instance.currentNodeId = node.yes();
                    } else {
                        instance.status = InstanceStatus.WAITING;
                        instance.deadline = now.plus(node.withinDuration());
                        instance.wakeAt = instance.deadline;
                        InstanceStep.record(instance, node.id(), StepOutcome.WAIT_STARTED, null,
                                "for " + node.interaction() + " until " + instance.deadline, now);
                    }
                }
                case BRANCH_ATTRIBUTE -> {
                    boolean yes = conditions.attributeHolds(instance, node);
                    InstanceStep.record(instance, node.id(), StepOutcome.BRANCHED, null, yes ? "yes" : "no", now);
                    instance.currentNodeId = yes ? node.yes() : node.no();
                }
                case SPLIT -> {
                    int path = splitPath(instance.id, node.id(), visit, node.paths());
                    InstanceStep.record(instance, node.id(), StepOutcome.BRANCHED, null, "path " + (path + 1), now);
                    instance.currentNodeId = node.paths().get(path).next();
                }
                case EXIT -> {
                    instance.status = InstanceStatus.COMPLETED;
                    instance.completedAt = now;
                    InstanceStep.record(instance, node.id(), StepOutcome.COMPLETED, null, null, now);
                }
            }
        }
        instance.updatedAt = now;
    }

    /**
     * Continues an instance the runner claimed: starts one enrolled in bulk, ends a wait, or decides a branch (yes
     * when its interaction happened, no once its deadline passed; an early wake-up by an interaction that does not
     * count puts it back to sleep until the deadline).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resume(JourneyInstance instance, Journey journey) {
        if (instance.status == InstanceStatus.ACTIVE) {
            advance(instance, journey);
            return;
        }
        Node node = nodeOf(instance, journey);
        Instant now = Instant.now();
        String next = node.next();
        String detail = null;
        if (node.type() == NodeType.BRANCH_INTERACTION) {
            if (conditions.happened(instance, node)) {
                next = node.yes();
                detail = "yes: " + node.interaction();
            } else if (instance.deadline == null || !now.isBefore(instance.deadline)) {
                next = node.no();
                detail = "no: no " + node.interaction() + " by the deadline";
            } else {
                instance.wakeAt = instance.deadline;
                instance.updatedAt = now;
                return;
            }
        }
        InstanceStep.record(instance, node.id(), StepOutcome.WAIT_ENDED, null, detail, now);
        instance.currentNodeId = next;
        advance(instance, journey);
    }

    private void startWait(JourneyInstance instance, Node node, Instant now) {
        Instant wakeAt;
        String detail;
        if (node.duration() != null) {
            wakeAt = now.plus(node.waitDuration());
            detail = "until " + wakeAt;
        } else if (node.until() != null) {
            wakeAt = node.untilInstant();
            detail = "until " + wakeAt;
        } else {
            String value = instance.context.get(node.untilAttribute());
            Instant base = parseInstant(value);
            // A firing without the attribute cannot say when to wake: do not hold the patient back.
            wakeAt = base == null ? now : base.plus(node.offsetDuration());
            detail = base == null ? "attribute " + node.untilAttribute() + " missing or not an instant"
                    : "until " + node.untilAttribute() + " " + signed(node.offsetDuration()) + " = " + wakeAt;
        }
        InstanceStep.record(instance, node.id(), StepOutcome.WAIT_STARTED, null, detail, now);
        if (wakeAt.isAfter(now)) {
            instance.status = InstanceStatus.WAITING;
            instance.wakeAt = wakeAt;
        } else {
            InstanceStep.record(instance, node.id(), StepOutcome.WAIT_ENDED, null, "already past", now);
            instance.currentNodeId = node.next();
        }
    }

    private long visit(JourneyInstance instance, Journey journey, Node node) {
        Set<String> onLoops = loopNodes.computeIfAbsent(journey.id, id -> journey.graph.nodesOnCycles());
        return onLoops.contains(node.id()) ? InstanceStep.visits(instance.id, node.id()) + 1 : 1;
    }

    private UUID requestEmail(JourneyInstance instance, Journey journey, Node node, long visit,
            Map<String, String> context, Instant now) {
        UUID requestId = requestId(instance.id, node.id(), visit);
        SendWindow window = journey.sendWindow();
        EmailSendRequested request = EmailSendRequested.newBuilder()
                .setRequestId(requestId.toString())
                .setEmailId(node.emailId().toString())
                .setPatientId(instance.patientId)
                .setJourneyId(instance.journeyId.toString())
                .setInstanceId(instance.id.toString())
                .setStepId(node.id())
                .setContext(new HashMap<>(context))
                .setCommercial(false)
                .setRequestedAt(now)
                .setSendWindow(window == null ? null : window.toRequest())
                .build();
        outbox.publish(config.topics().emailRequests(), instance.patientId, request);
        return requestId;
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String signed(Duration offset) {
        return offset.isNegative() ? "- " + offset.negated() : "+ " + offset;
    }

    private static Node nodeOf(JourneyInstance instance, Journey journey) {
        return journey.graph.node(instance.currentNodeId).orElseThrow(() -> new IllegalStateException(
                "journey " + instance.journeyId + " has no node " + instance.currentNodeId));
    }
}

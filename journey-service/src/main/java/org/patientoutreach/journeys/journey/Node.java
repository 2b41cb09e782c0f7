package org.patientoutreach.journeys.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One step of a journey graph. Which fields a node needs depends on its type; {@link GraphValidator} checks them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(
        @NotBlank @Size(max = 100) @Schema(example = "n1") String id,
        @NotNull @Schema(example = "SEND_EMAIL") NodeType type,
        @Schema(description = "SEND_EMAIL, INVITE_TO_EVENT: the email template to send") UUID emailId,
        @Schema(description = "WAIT: positive ISO-8601 duration", example = "PT1H") String duration,
        @Schema(description = "WAIT: an ISO-8601 instant to wait until", example = "2026-12-01T08:00:00Z") String until,
        @Schema(description = "WAIT: a trigger attribute holding an ISO-8601 instant to wait until",
                example = "appointmentAt") String untilAttribute,
        @Schema(description = "WAIT with untilAttribute: signed ISO-8601 duration added to it", example = "-PT24H")
        String offset,
        @Schema(description = "BRANCH_INTERACTION: what to wait for") Interaction interaction,
        @Schema(description = "BRANCH_INTERACTION: how long to wait before taking no", example = "P3D") String within,
        @Schema(description = "BRANCH_INTERACTION on an email: the SEND_EMAIL or INVITE_TO_EVENT step that sent it")
        String stepId,
        @Schema(description = "INVITE_TO_EVENT, BRANCH_INTERACTION on an event: the event") UUID eventId,
        @Schema(description = "BRANCH_ATTRIBUTE: language, timezone, gender, emailConsent or deceased") String attribute,
        @Schema(description = "BRANCH_ATTRIBUTE: the value the attribute must equal (case-insensitive)") String equals,
        @Schema(description = "BRANCH_ATTRIBUTE: yes when the patient is a member of this segment") UUID segmentId,
        @Schema(description = "SPLIT: the ways out, percentages adding up to 100") List<@NotNull @Valid SplitPath> paths,
        @Schema(description = "Id of the following node; absent on EXIT and branches", example = "n2") String next,
        @Schema(description = "Branches: where the instance goes when the condition holds") String yes,
        @Schema(description = "Branches: where the instance goes otherwise") String no) {

    /** Shorthand for the common nodes; tests and examples use it. */
    public static Node of(String id, NodeType type, UUID emailId, String duration, String next) {
        return new Node(id, type, emailId, duration, null, null, null, null, null, null, null, null, null, null, null,
                next, null, null);
    }

    /** An outgoing edge: the field that holds it ({@code next}, {@code yes}, {@code paths[1].next}) and its target. */
    public record Edge(String field, String target) {
    }

    /** Every edge out of this node, in declaration order (next, yes, no, then split paths). */
    public List<Edge> edges() {
        List<Edge> out = new ArrayList<>();
        if (next != null) {
            out.add(new Edge("next", next));
        }
        if (yes != null) {
            out.add(new Edge("yes", yes));
        }
        if (no != null) {
            out.add(new Edge("no", no));
        }
        if (paths != null) {
            for (int i = 0; i < paths.size(); i++) {
                out.add(new Edge("paths[" + i + "].next", paths.get(i).next()));
            }
        }
        return out;
    }

    /** Every node this one can lead to. */
    public List<String> successors() {
        return edges().stream().map(Edge::target).toList();
    }

    /** The WAIT duration; only call it on a validated WAIT node with a duration. */
    public Duration waitDuration() {
        return Duration.parse(duration);
    }

    public Duration withinDuration() {
        return Duration.parse(within);
    }

    public Instant untilInstant() {
        return Instant.parse(until);
    }

    public Duration offsetDuration() {
        return offset == null ? Duration.ZERO : Duration.parse(offset);
    }
}

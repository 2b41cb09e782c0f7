package org.patientoutreach.journeys.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One step of a journey graph. Which fields a node needs depends on its type; {@link GraphValidator} checks them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(
        @NotBlank @Size(max = 100) @Schema(example = "n1") String id,
        @NotNull @Schema(example = "SEND_EMAIL") NodeType type,
        @Schema(description = "SEND_EMAIL: the email template to send") UUID emailId,
        @Schema(description = "WAIT: positive ISO-8601 duration", example = "PT1H") String duration,
        @Schema(description = "Id of the following node; absent on EXIT", example = "n2") String next) {

    /** The WAIT duration; only call it on a validated WAIT node. */
    public Duration waitDuration() {
        return Duration.parse(duration);
    }
}

package org.patientoutreach.journeys.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * When a journey takes entrants, who it leaves out, what makes an instance leave early, its goal, and when its emails
 * may go out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JourneySettings(
        @Schema(description = "No entries before this instant") Instant startAt,
        @Schema(description = "No entries from this instant; the journey completes once its instances finish")
        Instant endAt,
        @Schema(description = "Members of this segment never enter, and leave when they enter it") UUID exclusionSegmentId,
        @Schema(description = "SEGMENT journeys: an instance leaves when its patient leaves the segment")
        Boolean exitOnSegmentExit,
        @Schema(description = "An instance leaves when this trigger fires for its patient") UUID exitTriggerId,
        @Schema(description = "EVENT_REGISTERED or EVENT_ATTENDED with an eventId") @Valid Goal goal,
        @Schema(description = "Days and local hours its emails may go out in; none: any time") @Valid
        SendWindow sendWindow) {

    public static final JourneySettings NONE = new JourneySettings(null, null, null, null, null, null, null);

    public boolean exitsOnSegmentExit() {
        return Boolean.TRUE.equals(exitOnSegmentExit);
    }
}

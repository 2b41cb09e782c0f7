package org.patientoutreach.journeys.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.journeys.delivery.EmailDelivery;
import org.patientoutreach.journeys.instance.InstanceStatus;
import org.patientoutreach.journeys.instance.InstanceStep;
import org.patientoutreach.journeys.instance.JourneyInstance;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.schemas.DeliveryEventType;

@Path("/api/journeys/{journeyId}/stats")
@Tag(name = "Journey analytics", description = "How a journey is performing")
@Produces(MediaType.APPLICATION_JSON)
// Counts only, no patient ids: analysts may read them.
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
public class JourneyStatsResource {

    @GET
    @Transactional
    @Operation(summary = "Entries, progress and email outcomes of a journey")
    @APIResponse(responseCode = "404", description = "No such journey")
    public JourneyStats stats(@PathParam("journeyId") UUID journeyId) {
        Journey.require(journeyId);
        return new JourneyStats(
                JourneyInstance.count("journeyId", journeyId),
                JourneyInstance.count("journeyId = ?1 and status in ?2", journeyId,
                        List.of(InstanceStatus.ACTIVE, InstanceStatus.WAITING)),
                JourneyInstance.count("journeyId = ?1 and status = ?2", journeyId, InstanceStatus.COMPLETED),
                InstanceStep.emailsRequested(journeyId),
                EmailDelivery.requestsWith(journeyId, DeliveryEventType.SENT),
                EmailDelivery.requestsWith(journeyId, DeliveryEventType.SUPPRESSED));
    }
}

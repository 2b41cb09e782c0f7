package org.patientoutreach.events.invitation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;

@Path("/api/events/{eventId}/invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR, Roles.MARKETER })
@Tag(name = "Invitations", description = "Signed links with which a patient registers for an event")
public class InvitationResource {

    private final Invitations invitations;

    public InvitationResource(Invitations invitations) {
        this.invitations = invitations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a patient's registration link for an event",
            description = "Nothing is stored: the link itself carries the patient and the event, signed. "
                    + "Valid until the event starts, and at least the default link lifetime.")
    @APIResponse(responseCode = "201", description = "The link, its token and its expiry")
    @APIResponse(responseCode = "404", description = "No such event")
    @APIResponse(responseCode = "409", description = "The event is not published yet, or cancelled, completed or over")
    public Response invite(@PathParam("eventId") UUID eventId, @Valid @NotNull InvitationRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(invitations.invite(eventId, request.patientId().strip())).build();
    }
}

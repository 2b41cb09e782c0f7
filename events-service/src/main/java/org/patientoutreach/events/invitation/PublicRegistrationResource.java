package org.patientoutreach.events.invitation;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.commons.links.SignedLinks.Grant;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.events.registration.RegistrationCalendar;
import org.patientoutreach.events.registration.RegistrationService;
import org.patientoutreach.events.registration.RegistrationView;

/**
 * A patient registers with the link from an invitation. No bearer token: the signed token is the credential and names
 * the patient, so the request carries no patient id a caller could change.
 */
@Path("/api/public/events/{eventId}/registrations")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Public registration", description = "Patients register themselves with a signed invitation link")
public class PublicRegistrationResource {

    private final SignedLinks links;
    private final RegistrationService registrations;

    public PublicRegistrationResource(SignedLinks links, RegistrationService registrations) {
        this.links = links;
        this.registrations = registrations;
    }

    @POST
    @Operation(summary = "Register the link's patient for the event",
            description = "Same rules as staff registration: REGISTERED while seats are free, WAITLISTED after; "
                    + "repeating it returns the existing registration with 200.")
    @APIResponse(responseCode = "201", description = "Registered or waitlisted")
    @APIResponse(responseCode = "200", description = "Already registered or waitlisted")
    @APIResponse(responseCode = "400", description = "Forged or altered link")
    @APIResponse(responseCode = "403", description = "A link for another purpose or another event")
    @APIResponse(responseCode = "409", description = "The event is not published, or cancelled, completed or over")
    @APIResponse(responseCode = "410", description = "Expired link")
    public Response register(@PathParam("eventId") UUID eventId, @QueryParam("token") String token) {
        Grant grant = verify(eventId, token);
        RegistrationService.Outcome outcome = registrations.register(eventId, grant.patientId(), true);
        RegistrationView registration = outcome.registration();
        return Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                .header("Cache-Control", "no-store")
                .entity(new PublicRegistrationView(registration.status(), registration.waitlistPosition())).build();
    }

    @GET
    @Path("calendar.ics")
    @Produces(RegistrationCalendar.MEDIA_TYPE)
    @Operation(summary = "The link's patient's iCalendar (RFC 5545) invite for the event",
            description = "Same link as registration; for the 'add to calendar' button after registering.")
    @APIResponse(responseCode = "200", description = "The .ics invite")
    @APIResponse(responseCode = "404", description = "The link's patient is not registered")
    public Response calendar(@PathParam("eventId") UUID eventId, @QueryParam("token") String token) {
        Grant grant = verify(eventId, token);
        String calendar = registrations.calendarOfPatient(eventId, grant.patientId());
        return Response.ok(calendar, RegistrationCalendar.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"event-" + eventId + ".ics\"")
                .header("Cache-Control", "no-store").build();
    }

    private Grant verify(UUID eventId, String token) {
        Grant grant = links.verify(token, Invitations.PURPOSE);
        if (!grant.resourceId().equals(eventId.toString())) {
            throw new ProblemException(Response.Status.FORBIDDEN, "This link is for another event");
        }
        return grant;
    }
}

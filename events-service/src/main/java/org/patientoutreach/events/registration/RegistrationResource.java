package org.patientoutreach.events.registration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/events/{eventId}/registrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR })
@Tag(name = "Registrations", description = "Patients registered to an event: seats, waitlist and attendance")
public class RegistrationResource {

    private final RegistrationService registrations;

    public RegistrationResource(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a patient",
            description = "REGISTERED while seats are free, WAITLISTED after. Registering the same patient again "
                    + "returns the existing registration with 200.")
    @APIResponse(responseCode = "201", description = "Registered or waitlisted; Location names the registration")
    @APIResponse(responseCode = "200", description = "The patient was already registered or waitlisted")
    @APIResponse(responseCode = "409", description = "The event is cancelled or over")
    public Response register(@PathParam("eventId") UUID eventId, @Valid @NotNull RegistrationRequest request,
            @Context UriInfo uri) {
        RegistrationService.Outcome outcome = registrations.register(eventId, request.patientId().strip());
        RegistrationView view = outcome.registration();
        if (!outcome.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @PatientData
    @Operation(summary = "List an event's registrations, oldest first")
    public Page<RegistrationView> list(@PathParam("eventId") UUID eventId,
            @QueryParam("status") @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"REGISTERED", "WAITLISTED", "CANCELLED", "CHECKED_IN"})) String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return registrations.list(eventId, parseStatus(status), page, size);
    }

    @DELETE
    @Path("{registrationId}")
    @Operation(summary = "Cancel a registration",
            description = "The registration becomes CANCELLED and a freed seat goes to the first waitlisted patient.")
    @APIResponse(responseCode = "409", description = "The patient has already checked in")
    public RegistrationView cancel(@PathParam("eventId") UUID eventId, @PathParam("registrationId") UUID registrationId) {
        return registrations.cancel(eventId, registrationId);
    }

    @POST
    @Path("{registrationId}/check-in")
    @Operation(summary = "Check a registered patient in (attendance)")
    @APIResponse(responseCode = "409", description = "The registration is not REGISTERED")
    public RegistrationView checkIn(@PathParam("eventId") UUID eventId, @PathParam("registrationId") UUID registrationId) {
        return registrations.checkIn(eventId, registrationId);
    }

    // Parsed here rather than bound as an enum: JAX-RS answers an unconvertible query parameter with 404.
    private static RegistrationStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return RegistrationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("status", "must be one of REGISTERED, WAITLISTED, CANCELLED, CHECKED_IN");
        }
    }
}

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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    static final String CSV = "text/csv";

    private final RegistrationService registrations;

    public RegistrationResource(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a patient",
            description = "REGISTERED while seats are free, WAITLISTED after. Registering the same patient again "
                    + "returns the existing registration with 200. Staff may register patients for a DRAFT event.")
    @APIResponse(responseCode = "201", description = "Registered or waitlisted; Location names the registration")
    @APIResponse(responseCode = "200", description = "The patient was already registered or waitlisted")
    @APIResponse(responseCode = "409", description = "The event is cancelled, completed or over")
    public Response register(@PathParam("eventId") UUID eventId, @Valid @NotNull RegistrationRequest request,
            @Context UriInfo uri) {
        RegistrationService.Outcome outcome = registrations.register(eventId, request.patientId().strip(), false);
        RegistrationView view = outcome.registration();
        if (!outcome.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @PatientData
    @Operation(summary = "List an event's registrations (the attendee list), oldest first",
            description = "status may repeat or list several values separated by commas; patientId finds one patient.")
    public Page<RegistrationView> list(@PathParam("eventId") UUID eventId,
            @QueryParam("status") @Parameter(description = "e.g. CHECKED_IN,NO_SHOW",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RegistrationStatus.class))
            List<String> status,
            @QueryParam("patientId") String patientId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        String patient = patientId == null || patientId.isBlank() ? null : patientId.strip();
        return registrations.list(eventId, parseStatuses(status), patient, page, size);
    }

    @GET
    @Path("export")
    @Produces(CSV)
    @PatientData
    @Operation(summary = "Export the attendee list as CSV",
            description = "Columns: " + AttendeeCsv.HEADER + ". Same status filter as the list.")
    public Response export(@PathParam("eventId") UUID eventId,
            @QueryParam("status") @Parameter(description = "e.g. CHECKED_IN,NO_SHOW",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RegistrationStatus.class))
            List<String> status) {
        String csv = AttendeeCsv.write(registrations.all(eventId, parseStatuses(status)));
        return Response.ok(csv, CSV + ";charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"attendees-" + eventId + ".csv\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("attendance-import")
    @Operation(summary = "Import a virtual meeting's attendance report (CSV)",
            description = "Each row names a registration id or a patient id (first column, or the column headed "
                    + "registrationId/patientId). Those REGISTERED or NO_SHOW become CHECKED_IN with source IMPORT. "
                    + "VIRTUAL and HYBRID events only; importing the same report twice changes nothing.")
    @APIResponse(responseCode = "200", description = "What the import did, rows named by line number")
    @APIResponse(responseCode = "400", description = "Empty or unreadable report")
    @APIResponse(responseCode = "409", description = "An IN_PERSON or cancelled event")
    public AttendanceImportView importAttendance(@PathParam("eventId") UUID eventId, String report) {
        // No @Consumes: attendance reports arrive as text/csv, text/plain or whatever the meeting tool exported.
        return registrations.importAttendance(eventId, AttendanceReport.parse(report));
    }

    @GET
    @Path("{registrationId}/calendar.ics")
    @Produces(RegistrationCalendar.MEDIA_TYPE)
    @PatientData
    @Operation(summary = "The registration's iCalendar (RFC 5545) invite",
            description = "CONFIRMED while seated, TENTATIVE while waitlisted, CANCELLED when cancelled.")
    public Response calendar(@PathParam("eventId") UUID eventId, @PathParam("registrationId") UUID registrationId) {
        return Response.ok(registrations.calendar(eventId, registrationId), RegistrationCalendar.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"event-" + eventId + ".ics\"").build();
    }

    @DELETE
    @Path("{registrationId}")
    @Operation(summary = "Cancel a registration",
            description = "The registration becomes CANCELLED and a freed seat goes to the first waitlisted patient.")
    @APIResponse(responseCode = "409", description = "The patient has already checked in or was a no-show")
    public RegistrationView cancel(@PathParam("eventId") UUID eventId, @PathParam("registrationId") UUID registrationId) {
        return registrations.cancel(eventId, registrationId);
    }

    @POST
    @Path("{registrationId}/check-in")
    @Operation(summary = "Check a registered patient in (attendance)",
            description = "Also turns a NO_SHOW of a completed event into CHECKED_IN (a late correction).")
    @APIResponse(responseCode = "409", description = "The registration is not REGISTERED or NO_SHOW")
    public RegistrationView checkIn(@PathParam("eventId") UUID eventId, @PathParam("registrationId") UUID registrationId) {
        return registrations.checkIn(eventId, registrationId);
    }

    // Parsed here rather than bound as an enum: JAX-RS answers an unconvertible query parameter with 404.
    static Set<RegistrationStatus> parseStatuses(List<String> values) {
        Set<RegistrationStatus> statuses = EnumSet.noneOf(RegistrationStatus.class);
        if (values == null) {
            return statuses;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    statuses.add(RegistrationStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badField("status",
                            "must be among REGISTERED, WAITLISTED, CANCELLED, CHECKED_IN, NO_SHOW");
                }
            }
        }
        return statuses;
    }
}

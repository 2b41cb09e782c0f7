package org.patientoutreach.events.event;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR })
@Tag(name = "Events", description = "Provider and payer events, in person, virtual or hybrid, with capacity and a lifecycle")
public class EventResource {

    private final EventService events;

    public EventResource(EventService events) {
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an event as a DRAFT",
            description = "The venue or meeting URL may come later; publishing asks for what is missing.")
    @APIResponse(responseCode = "201", description = "Created; Location names the event")
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it")
    public Response create(@Valid @NotNull EventRequest request, @Context UriInfo uri) {
        EventView view = events.create(request, null);
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "List events, earliest first",
            description = "from/to keep the events overlapping [from, to); status keeps one lifecycle state.")
    public Page<EventView> list(
            @QueryParam("status") @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"DRAFT", "PUBLISHED", "COMPLETED", "CANCELLED"})) String status,
            @QueryParam("from") @Parameter(description = "UTC instant, e.g. 2027-03-01T00:00:00Z") String from,
            @QueryParam("to") @Parameter(description = "UTC instant, e.g. 2027-04-01T00:00:00Z") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            throw ProblemException.badField("to", "must be after from");
        }
        return events.list(fromInstant, toInstant, parseStatus(status), page, size);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Read an event with its seat counts")
    @APIResponse(responseCode = "404", description = "No such event")
    public EventView get(@PathParam("id") UUID id) {
        return events.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an event's definition",
            description = "Send the version you read; a stale one gets 409. A larger capacity promotes waitlisted "
                    + "patients; a capacity below the seats taken is refused with 409.")
    @APIResponse(responseCode = "409", description = "Stale version, cancelled event, or capacity below seats taken")
    public EventView update(@PathParam("id") UUID id, @Valid @NotNull EventUpdateRequest request) {
        return events.update(id, request);
    }

    @POST
    @Path("{id}/publish")
    @Operation(summary = "Publish a draft: open it to invitation links and the catalog",
            description = "Needs a description, a location for IN_PERSON and HYBRID, an https joinUrl for VIRTUAL "
                    + "and HYBRID, and an end in the future; a 409 names every field still missing.")
    @APIResponse(responseCode = "409", description = "Fields missing (named in errors), or the event is final")
    public EventView publish(@PathParam("id") UUID id) {
        return events.publish(id);
    }

    @POST
    @Path("{id}/complete")
    @Operation(summary = "Complete a published event once it has started",
            description = "REGISTERED patients who never checked in become NO_SHOW; the waitlist is cancelled.")
    @APIResponse(responseCode = "409", description = "Not PUBLISHED, or not started yet")
    public EventView complete(@PathParam("id") UUID id) {
        return events.complete(id);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel an event", description = "Its REGISTERED and WAITLISTED registrations are cancelled too.")
    @APIResponse(responseCode = "409", description = "The event is COMPLETED")
    public EventView cancel(@PathParam("id") UUID id) {
        return events.cancel(id);
    }

    // Parsed here rather than bound as an enum: JAX-RS answers an unconvertible query parameter with 404.
    private static EventStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return EventStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("status", "must be one of DRAFT, PUBLISHED, COMPLETED, CANCELLED");
        }
    }

    // Parsed here rather than bound as Instant: JAX-RS answers an unconvertible query parameter with 404.
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "must be a UTC instant such as 2027-03-01T00:00:00Z");
        }
    }
}

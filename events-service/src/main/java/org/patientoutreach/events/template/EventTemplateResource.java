package org.patientoutreach.events.template;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.events.event.EventView;
import org.patientoutreach.events.event.Sponsor;

@Path("/api/event-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Event templates", description = "Shipped provider and payer event templates; create a draft from one")
public class EventTemplateResource {

    private final EventTemplates templates;

    public EventTemplateResource(EventTemplates templates) {
        this.templates = templates;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "List the shipped templates", description = "sponsor keeps the PROVIDER or PAYER ones.")
    public Page<EventTemplate> list(
            @QueryParam("sponsor") @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"PROVIDER", "PAYER"})) String sponsor,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        List<EventTemplate> all = templates.list(parseSponsor(sponsor));
        int from = (int) Math.min((long) page * size, all.size());
        return new Page<>(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    @GET
    @Path("{key}")
    @RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Read a template")
    @APIResponse(responseCode = "404", description = "No such template")
    public EventTemplate get(@PathParam("key") String key) {
        return templates.require(key);
    }

    @POST
    @Path("{key}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.EVENT_COORDINATOR })
    @Operation(summary = "Create a DRAFT event from a template",
            description = "The template fills type, format, title, description, capacity, sessions (its agenda from "
                    + "startsAt) and registration questions; the request's fields win. Edit it with PUT /api/events/{id}.")
    @APIResponse(responseCode = "201", description = "Created; Location names the event")
    @APIResponse(responseCode = "404", description = "No such template")
    public Response create(@PathParam("key") String key, @Valid @NotNull FromTemplateRequest request) {
        EventView view = templates.create(key, request);
        return Response.created(UriBuilder.fromPath("/api/events/{id}").build(view.id())).entity(view).build();
    }

    private static Sponsor parseSponsor(String sponsor) {
        if (sponsor == null || sponsor.isBlank()) {
            return null;
        }
        try {
            return Sponsor.valueOf(sponsor.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("sponsor", "must be PROVIDER or PAYER");
        }
    }
}

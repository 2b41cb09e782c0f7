package org.patientoutreach.journeys.journey;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/journeys")
@Tag(name = "Journeys", description = "Journey definitions as graphs of steps, and their lifecycle")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
public class JourneyResource {

    static final String EXAMPLE = """
            {"name": "Hypermetropia eye-care reminder",
             "entry": {"type": "SEGMENT", "segmentId": "6f1c2a4e-0d5b-4b8e-9a53-3e0f1a2b7c9d"},
             "reentry": "NEVER",
             "startNodeId": "n1",
             "nodes": [
               {"id": "n1", "type": "SEND_EMAIL", "emailId": "0b7e6a52-9c1d-4f3a-8e2b-5d4c3b2a1f0e", "next": "n2"},
               {"id": "n2", "type": "WAIT", "duration": "PT1H", "next": "n3"},
               {"id": "n3", "type": "EXIT"}]}""";

    private final JourneyService journeys;

    @Inject
    public JourneyResource(JourneyService journeys) {
        this.journeys = journeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a DRAFT journey", description = "The graph is validated: unique node ids, the start "
            + "node exists, every edge names a node, each node has the fields of its type, every node is reachable, "
            + "every loop passes a WAIT. A 400 problem names each offending field, e.g. nodes[1].next.")
    @APIResponse(responseCode = "201", description = "Created; Location points at the journey")
    @APIResponse(responseCode = "400", description = "Invalid definition")
    public Response create(@RequestBody(content = @Content(examples = @ExampleObject(name = "segment journey",
            value = EXAMPLE))) @NotNull @Valid JourneyRequest request, @Context UriInfo uri) {
        JourneyView view = journeys.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "List journeys, newest first")
    public Page<JourneyView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return journeys.list(page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Read one journey")
    @APIResponse(responseCode = "404", description = "No such journey")
    public JourneyView get(@PathParam("id") UUID id) {
        return journeys.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a DRAFT journey's definition",
            description = "Needs the version the client read; a stale version or a journey that is not DRAFT is 409.")
    @APIResponse(responseCode = "409", description = "Stale version, or the journey is not DRAFT")
    public JourneyView update(@PathParam("id") UUID id, @NotNull @Valid JourneyRequest request) {
        return journeys.update(id, request);
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Go live", description = "From DRAFT or PAUSED. A DRAFT is first checked against the "
            + "events catalog (invited events PUBLISHED and not started); a 409 problem names each offending node. A "
            + "SEGMENT journey enrolls every current member of its segment at once (the runner starts them); ONGOING "
            + "ones also enroll later entrants. Other revisions of the journey stop taking entrants.")
    @APIResponse(responseCode = "409", description = "Not DRAFT or PAUSED, superseded, or a go-live check failed")
    public JourneyView activate(@PathParam("id") UUID id) {
        return journeys.activate(id);
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop a LIVE or PAUSED journey for good", description = "Every instance still running exits "
            + "with reason JOURNEY_STOPPED; the journey can never go live again (create a new revision instead).")
    @APIResponse(responseCode = "409", description = "Not LIVE or PAUSED")
    public JourneyView stop(@PathParam("id") UUID id) {
        return journeys.stop(id);
    }

    @POST
    @Path("/{id}/revisions")
    @Operation(summary = "Start a new revision", description = "A DRAFT copy of this revision, to edit and take live; "
            + "once it goes live it takes the new entrants and the older revision only finishes its instances.")
    @APIResponse(responseCode = "201", description = "Created; Location points at the new revision")
    @APIResponse(responseCode = "409", description = "The journey already has a DRAFT revision")
    public Response newRevision(@PathParam("id") UUID id, @Context UriInfo uri) {
        JourneyView view = journeys.newRevision(id);
        return Response.created(uri.getBaseUriBuilder().path("api/journeys").path(view.id().toString()).build())
                .entity(view).build();
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a LIVE journey",
            description = "No new entries; waiting instances stay waiting until the journey is activated again.")
    @APIResponse(responseCode = "409", description = "Not LIVE")
    public JourneyView pause(@PathParam("id") UUID id) {
        return journeys.pause(id);
    }
}

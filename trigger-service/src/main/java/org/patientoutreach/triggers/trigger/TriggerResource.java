package org.patientoutreach.triggers.trigger;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/triggers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Triggers", description = "Rules that fire journeys when an EHR reports a matching patient interaction")
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
public class TriggerResource {

    private final TriggerService triggers;

    public TriggerResource(TriggerService triggers) {
        this.triggers = triggers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define a trigger",
            description = "ACTIVE at once unless status DRAFT is asked for. Conditions are validated here: a bad one "
                    + "is a 400 whose errors[].field names its path, e.g. conditions[1].min.")
    @APIResponse(responseCode = "201", description = "Created; Location names the trigger")
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it")
    public Response create(@Valid @NotNull TriggerRequest request, @Context UriInfo uri) {
        TriggerView view = triggers.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "List triggers, newest first")
    public Page<TriggerView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return triggers.list(page, size);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Read a trigger")
    @APIResponse(responseCode = "404", description = "No such trigger")
    public TriggerView get(@PathParam("id") UUID id) {
        return triggers.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a trigger's definition", description = "Send the version you read; a stale one gets 409.")
    @APIResponse(responseCode = "409", description = "The trigger changed since the given version")
    public TriggerView update(@PathParam("id") UUID id, @Valid @NotNull TriggerUpdateRequest request) {
        return triggers.update(id, request);
    }

    @POST
    @Path("{id}/activate")
    @Operation(summary = "Activate a draft or inactive trigger",
            description = "Interactions processed from now on are matched against it. Activating twice is harmless.")
    public TriggerView activate(@PathParam("id") UUID id) {
        return triggers.changeStatus(id, TriggerStatus.ACTIVE);
    }

    @POST
    @Path("{id}/deactivate")
    @Operation(summary = "Deactivate an active trigger",
            description = "An inactive trigger no longer fires and keeps its firings. Deactivating twice is harmless.")
    @APIResponse(responseCode = "409", description = "The trigger is a draft")
    public TriggerView deactivate(@PathParam("id") UUID id) {
        return triggers.changeStatus(id, TriggerStatus.INACTIVE);
    }
}

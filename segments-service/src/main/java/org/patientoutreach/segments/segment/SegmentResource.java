package org.patientoutreach.segments.segment;

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
import jakarta.ws.rs.core.UriInfo;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
@Tag(name = "Segments", description = "Custom segments: definition, preview, go-live and members")
public class SegmentResource {

    /** Population size of a definition right now and, for roles that may see patient ids, a sample of members. */
    public record PreviewView(int size, List<String> sample) {
    }

    @Inject
    SegmentService segments;
    @Inject
    SegmentEvaluator evaluator;
    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a segment (DRAFT)")
    public Response create(@NotNull @Valid SegmentRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        SegmentView created = segments.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "List segments, newest first")
    public Page<SegmentView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return segments.list(page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Get a segment")
    public SegmentView get(@PathParam("id") UUID id) {
        return segments.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a segment", description = "Send the version you read; a stale version gets 409. "
            + "A live segment is re-evaluated at once.")
    public SegmentView update(@PathParam("id") UUID id, @NotNull @Valid SegmentRequest request) {
        return segments.update(id, request);
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Count the population of a definition without saving it, with a sample of member ids")
    @PatientData
    public PreviewView preview(@NotNull @Valid SegmentDefinition definition,
            @QueryParam("sample") @DefaultValue("10") @Min(0) @Max(100) int sample) {
        return preview(evaluator.preview(definition, sampleFor(sample)));
    }

    @GET
    @Path("/{id}/preview")
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Count the population of a saved segment's definition right now, with a sample of member ids")
    @PatientData
    public PreviewView previewSaved(@PathParam("id") UUID id,
            @QueryParam("sample") @DefaultValue("10") @Min(0) @Max(100) int sample) {
        return preview(evaluator.preview(segments.get(id).definition(), sampleFor(sample)));
    }

    /** Analysts see counts, never patient-level data. */
    private int sampleFor(int requested) {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.MARKETER) ? requested : 0;
    }

    private static PreviewView preview(SegmentEvaluator.Preview preview) {
        return new PreviewView(preview.size(), preview.sample());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a live segment: no evaluation and no membership events until it is activated again")
    public SegmentView pause(@PathParam("id") UUID id) {
        return segments.pause(id);
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Go live (from DRAFT or PAUSED)", description = "Evaluates the segment and publishes ENTERED "
            + "for every new member; afterwards membership follows the data.")
    public EvaluationView activate(@PathParam("id") UUID id) {
        return segments.activate(id);
    }

    @POST
    @Path("/{id}/evaluate")
    @Operation(summary = "Re-evaluate a live segment now")
    public EvaluationView evaluate(@PathParam("id") UUID id) {
        return segments.evaluate(id);
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive a segment: no more evaluations or events")
    public SegmentView archive(@PathParam("id") UUID id) {
        return segments.archive(id);
    }

    @GET
    @Path("/{id}/members")
    @PatientData
    @Operation(summary = "Current members (patient ids), in order of entry")
    public Page<MemberView> members(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return segments.members(id, page, size);
    }
}

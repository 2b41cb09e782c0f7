package org.patientoutreach.segments.valueset;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/value-sets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
@Tag(name = "Value sets", description = "FHIR ValueSets whose codes segment rules and care-gap measures match")
public class ValueSetResource {

    @Inject
    FhirContext fhir;
    @Inject
    ValueSetStore store;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/fhir+json" })
    @RolesAllowed({ Roles.ADMIN, Roles.ANALYST })
    @Operation(summary = "Load a FHIR R4 ValueSet (expansion, or compose with listed concepts); replaces one with the same id")
    public Response load(String body, @Context UriInfo uri) {
        ValueSetContent content = ValueSetParser.parse(fhir, body);
        if (content.codes().isEmpty()) {
            throw ProblemException.badField("expansion", "the value set has no codes");
        }
        boolean created = store.save(content, "uploaded");
        ValueSetView view = ValueSetView.of(ValueSet.findById(content.id()));
        return created ? Response.created(uri.getAbsolutePathBuilder().path(content.id()).build()).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Operation(summary = "List value sets by name")
    public Page<ValueSetView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size,
            @QueryParam("source") String source) {
        var query = source == null ? ValueSet.<ValueSet>find("order by name")
                : ValueSet.<ValueSet>find("source = ?1 order by name", source);
        return Page.of(query, page, size).map(ValueSetView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a value set")
    public ValueSetView get(@PathParam("id") String id) {
        return ValueSetView.of(require(id));
    }

    @GET
    @Path("/{id}/codes")
    @Operation(summary = "List a value set's codes, each with its system")
    public Page<ValueSetContent.Code> codes(@PathParam("id") String id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return store.codes(require(id).id, page, size);
    }

    private ValueSet require(String id) {
        ValueSet v = ValueSet.findById(id);
        if (v == null) {
            throw ProblemException.notFound("value set", id);
        }
        return v;
    }
}

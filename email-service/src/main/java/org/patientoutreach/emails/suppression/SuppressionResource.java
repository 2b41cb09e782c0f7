package org.patientoutreach.emails.suppression;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

/** The suppression list as staff manage it; patients unsubscribe themselves through a signed link. */
@Path("/api/suppressions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
@Tag(name = "Suppressions", description = "Patients who receive no email")
public class SuppressionResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Stop all email to a patient; 409 if already suppressed")
    public Response create(@Valid @NotNull SuppressionRequest request, @Context UriInfo uri) {
        if (Suppression.reasonOf(request.patientId()).isPresent()) {
            throw ProblemException.conflict("Patient " + request.patientId() + " is already suppressed");
        }
        Suppression suppression = new Suppression();
        suppression.patientId = request.patientId();
        suppression.reason = request.reason();
        suppression.createdAt = Instant.now();
        suppression.updatedAt = suppression.createdAt;
        suppression.persistAndFlush();
        return Response.created(uri.getAbsolutePathBuilder().path(suppression.patientId).build())
                .entity(SuppressionView.of(suppression)).build();
    }

    @GET
    @PatientData
    @Transactional
    @Operation(summary = "List suppressed patients, newest first")
    public Page<SuppressionView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return Page.of(Suppression.<Suppression>findAll(Sort.descending("createdAt").and("patientId")), page, size)
                .map(SuppressionView::of);
    }

    @GET
    @Path("/{patientId}")
    @PatientData
    @Transactional
    @Operation(summary = "Get the suppression of one patient; 404 if the patient is not suppressed")
    public SuppressionView get(@PathParam("patientId") String patientId) {
        Suppression suppression = Suppression.findById(patientId);
        if (suppression == null) {
            throw ProblemException.notFound("Suppression of patient", patientId);
        }
        return SuppressionView.of(suppression);
    }

    @DELETE
    @Path("/{patientId}")
    @Transactional
    @Operation(summary = "Allow email to a patient again")
    public Response delete(@PathParam("patientId") String patientId) {
        if (!Suppression.deleteById(patientId)) {
            throw ProblemException.notFound("Suppression of patient", patientId);
        }
        return Response.noContent().build();
    }
}

package org.patientoutreach.triggers.firing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.triggers.trigger.Trigger;

@Path("/api/triggers/{id}/firings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Triggers")
// Firings name patients: never for analysts, and every read is audited.
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
public class FiringResource {

    @GET
    @PatientData
    @Transactional
    @Operation(summary = "List the firings of a trigger, newest first")
    @APIResponse(responseCode = "404", description = "No such trigger")
    public Page<FiringView> list(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (Trigger.findById(id) == null) {
            throw ProblemException.notFound("Trigger", id);
        }
        return Page.of(Firing.ofTriggerNewestFirst(id), page, size).map(FiringView::of);
    }
}

package org.patientoutreach.journeys.instance;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.journeys.journey.Journey;

@Path("/api/journeys/{journeyId}/instances")
@Tag(name = "Journey instances", description = "Patients' runs through a journey")
@Produces(MediaType.APPLICATION_JSON)
// Instances name patients: never for analysts, and every read is audited.
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
public class InstanceResource {

    @GET
    @PatientData
    @Transactional
    @Operation(summary = "List a journey's instances, oldest first")
    @APIResponse(responseCode = "404", description = "No such journey")
    public Page<InstanceView> list(@PathParam("journeyId") UUID journeyId,
            @Parameter(description = "Only this patient's instances") @QueryParam("patientId") String patientId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        Journey.require(journeyId);
        Sort order = Sort.ascending("startedAt").and("id");
        PanacheQuery<JourneyInstance> query = patientId == null
                ? JourneyInstance.find("journeyId", order, journeyId)
                : JourneyInstance.find("journeyId = :journeyId and patientId = :patientId", order,
                        Parameters.with("journeyId", journeyId).and("patientId", patientId));
        return Page.of(query, page, size).map(InstanceView::of);
    }

    @GET
    @Path("/{instanceId}/history")
    @PatientData
    @Transactional
    @Operation(summary = "What one instance did, in order: each step, when, and why (branch taken, exit reason)")
    @APIResponse(responseCode = "404", description = "No such journey or instance")
    public Page<StepView> history(@PathParam("journeyId") UUID journeyId, @PathParam("instanceId") UUID instanceId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("200") @Min(1) @Max(200) int size) {
        JourneyInstance instance = JourneyInstance.<JourneyInstance>findByIdOptional(instanceId)
                .filter(i -> i.journeyId.equals(journeyId))
                .orElseThrow(() -> ProblemException.notFound("Instance", instanceId));
        return Page.of(InstanceStep.<InstanceStep>find("instanceId", Sort.ascending("id"), instance.id), page, size)
                .map(StepView::of);
    }
}

package org.patientoutreach.segments.patient;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.security.Roles;

@Path("/api/patients/{patientId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
@PatientData
@Tag(name = "Patients", description = "Patient-level data (PHI)")
public class PatientResource {

    @Inject
    PatientStore store;

    @GET
    @Operation(summary = "A patient's demographics and contact details")
    public PatientRecord patient(@PathParam("patientId") String patientId) {
        return store.find(patientId).orElseThrow(() -> ProblemException.notFound("patient", patientId));
    }

    @GET
    @Path("/facts")
    @Operation(summary = "A patient's clinical facts, newest first")
    public List<ClinicalFact> facts(@PathParam("patientId") String patientId) {
        store.find(patientId).orElseThrow(() -> ProblemException.notFound("patient", patientId));
        return store.facts(patientId);
    }
}

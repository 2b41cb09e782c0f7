package org.patientoutreach.segments.patient;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.segments.segment.SegmentEvaluator;

@Path("/api/fhir")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
@Tag(name = "FHIR import", description = "Load patients and clinical records as FHIR R4")
public class FhirImportResource {

    /** What an import stored, and how many live segments were re-evaluated afterwards. */
    public record ImportView(int patients, int resources, int facts, int segmentsEvaluated) {
    }

    @Inject
    FhirImporter importer;
    @Inject
    SegmentEvaluator evaluator;

    @POST
    @Path("/bundles")
    @Consumes({ "application/fhir+json", MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a FHIR R4 Bundle",
            description = "Stores Patients and the codings of Conditions, Observations, Procedures, Immunizations, "
                    + "Encounters, MedicationRequests, MedicationDispenses and Coverages (transaction, batch or collection bundles, e.g. Synthea's). "
                    + "Publishes each patient's profile, then re-evaluates every live segment for the patients it touched.")
    public ImportView importBundle(String bundle) {
        FhirImporter.ImportResult result = importer.importBundle(bundle);
        int evaluated = evaluator.evaluateLive("FHIR_IMPORT", result.patientIds().toArray(String[]::new));
        return new ImportView(result.patients(), result.resources(), result.facts(), evaluated);
    }
}

package org.patientoutreach.segments.patient;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.schemas.FhirResourceChanged;
import org.patientoutreach.schemas.ResourceOperation;
import org.patientoutreach.segments.segment.SegmentEvaluator;

/**
 * Applies FHIR resources that EHRs push to {@code ehr.fhir-resources}. Applying a resource is idempotent (upsert or
 * delete by id), so a redelivery changes nothing. A record that cannot be applied throws and goes to the DLQ.
 */
@ApplicationScoped
public class FhirResourceConsumer {

    private final FhirImporter importer;
    private final SegmentEvaluator evaluator;

    @Inject
    public FhirResourceConsumer(FhirImporter importer, SegmentEvaluator evaluator) {
        this.importer = importer;
        this.evaluator = evaluator;
    }

    @Incoming("fhir-resources")
    @Blocking
    public void consume(FhirResourceChanged change) {
        if (change == null) {
            throw new IllegalArgumentException("record value is not a FhirResourceChanged");
        }
        importer.apply(change.getResourceType(), change.getResourceId(),
                change.getOperation() == ResourceOperation.DELETE, change.getResource());
        // Committed: live segments reconsider this patient at once, batched with whatever else arrives meanwhile.
        evaluator.patientsChanged(java.util.List.of(change.getPatientId()));
    }
}

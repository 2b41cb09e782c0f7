package org.patientoutreach.triggers.patient;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.schemas.PatientProfile;

/**
 * Keeps {@code patient_identifier} equal to the identifiers of the latest profile of each patient
 * (patients.profiles is compacted and keyed by patientId, so the last record per patient is the truth). Replacing
 * the whole set makes a redelivery harmless. Only identifiers are kept: HL7 needs nothing else.
 */
@ApplicationScoped
public class ProfileConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileConsumer.class);

    @Incoming("patient-profiles")
    @Blocking
    @Transactional
    public void onProfile(PatientProfile profile) {
        if (profile == null || profile.getPatientId().isBlank()) {
            throw new IllegalArgumentException("profile has no value or a blank patientId");
        }
        String patientId = profile.getPatientId();
        PatientIdentifier.delete("patientId", patientId);
        Set<String> seen = new LinkedHashSet<>(profile.getIdentifiers());
        for (String identifier : seen) {
            int bar = identifier.lastIndexOf('|');
            PatientIdentifier row = new PatientIdentifier();
            row.patientId = patientId;
            row.system = bar < 0 ? "" : identifier.substring(0, bar).strip();
            row.value = (bar < 0 ? identifier : identifier.substring(bar + 1)).strip();
            if (!row.value.isEmpty() && PatientIdentifier.findById(new PatientIdentifier.Key(patientId, row.system, row.value)) == null) {
                row.persist();
            }
        }
        LOG.debugf("patient %s has %d identifier(s)", patientId, seen.size());
    }
}

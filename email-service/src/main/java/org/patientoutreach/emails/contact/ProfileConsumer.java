package org.patientoutreach.emails.contact;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.schemas.PatientProfile;

/**
 * Keeps {@code patient_contact} in step with {@code patients.profiles}. Idempotent through the natural key: a
 * redelivered or older profile carries an {@code updatedAt} that is not newer than the stored one and is ignored.
 */
@ApplicationScoped
public class ProfileConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileConsumer.class);

    @Incoming("patient-profiles")
    @Blocking
    @Transactional
    public void onProfile(PatientProfile profile) {
        PatientContact contact = PatientContact.findById(profile.getPatientId());
        if (contact == null) {
            contact = new PatientContact();
            contact.patientId = profile.getPatientId();
            contact.apply(profile, Instant.now());
            contact.persist();
        } else if (contact.isOlderThan(profile)) {
            contact.apply(profile, Instant.now());
        } else {
            LOG.debugf("ignored stale profile of patient %s", profile.getPatientId());
        }
    }
}

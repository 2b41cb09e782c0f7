package org.patientoutreach.journeys.patient;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.schemas.PatientProfile;

/**
 * Projects patients.profiles for attribute branches. No inbox: profiles carry no unique id, and applying one twice
 * changes nothing because the projection keeps the latest {@code updatedAt}.
 */
@ApplicationScoped
public class ProfileConsumer {

    static final String CHANNEL = "patient-profiles";

    private final PatientAttributes attributes;

    @Inject
    public ProfileConsumer(PatientAttributes attributes) {
        this.attributes = attributes;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onProfile(PatientProfile profile) {
        if (profile.getPatientId() == null || profile.getPatientId().isBlank()) {
            throw new IllegalArgumentException("patientId is missing");
        }
        attributes.apply(profile);
    }
}

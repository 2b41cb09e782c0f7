package org.patientoutreach.emails.contact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.patientoutreach.schemas.PatientProfile;

/** How to reach a patient, as of the newest profile segments-service published. PHI: never log its fields. */
@Entity
@Table(name = "patient_contact")
public class PatientContact extends PanacheEntityBase {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    public String email;

    public String language;

    public String timezone;

    public boolean deceased;

    /**
     * Consent to commercial email as the source recorded it. {@code null} (not recorded) counts as no consent:
     * marketing to patients needs an opt-in, transactional care email does not depend on it.
     */
    @Column(name = "email_consent")
    public Boolean emailConsent;

    @Column(name = "profile_updated_at")
    public Instant profileUpdatedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Profiles can arrive out of order (replays, several producers): only a strictly newer one replaces ours. */
    public boolean isOlderThan(PatientProfile profile) {
        return profile.getUpdatedAt().isAfter(profileUpdatedAt);
    }

    public void apply(PatientProfile profile, Instant now) {
        givenName = profile.getGivenName();
        familyName = profile.getFamilyName();
        email = profile.getEmail();
        language = profile.getLanguage();
        timezone = profile.getTimezone();
        deceased = profile.getDeceased();
        emailConsent = profile.getEmailConsent();
        profileUpdatedAt = profile.getUpdatedAt();
        updatedAt = now;
    }

    public boolean consentsToCommercialEmail() {
        return Boolean.TRUE.equals(emailConsent);
    }
}

package org.patientoutreach.journeys.patient;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.patientoutreach.schemas.PatientProfile;

/**
 * The local projection of patients.profiles (table patient_attribute), reduced to the attributes journey branches
 * may test. Names, email, phone and birth date are never stored.
 */
@ApplicationScoped
public class PatientAttributes {

    /** Stores the profile's branchable attributes unless a later profile of the patient is already stored. */
    public void apply(PatientProfile profile) {
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO patient_attribute (patient_id, language, timezone, gender, email_consent, deceased, updated_at)
                VALUES (:patientId, :language, :timezone, :gender, :emailConsent, :deceased, :updatedAt)
                ON CONFLICT (patient_id) DO UPDATE
                SET language = EXCLUDED.language, timezone = EXCLUDED.timezone, gender = EXCLUDED.gender,
                    email_consent = EXCLUDED.email_consent, deceased = EXCLUDED.deceased, updated_at = EXCLUDED.updated_at
                WHERE patient_attribute.updated_at <= EXCLUDED.updated_at""")
                .setParameter("patientId", profile.getPatientId())
                .setParameter("language", profile.getLanguage())
                .setParameter("timezone", profile.getTimezone())
                .setParameter("gender", profile.getGender())
                .setParameter("emailConsent", profile.getEmailConsent())
                .setParameter("deceased", profile.getDeceased())
                .setParameter("updatedAt", profile.getUpdatedAt())
                .executeUpdate();
    }

    /**
     * The value of a branchable attribute (see GraphValidator.ATTRIBUTES) as text; empty when the patient has no
     * profile yet or the attribute is not recorded.
     */
    public Optional<String> valueOf(String patientId, String attribute) {
        String column = switch (attribute) {
            case "language" -> "language";
            case "timezone" -> "timezone";
            case "gender" -> "gender";
            case "emailConsent" -> "CAST(email_consent AS TEXT)";
            case "deceased" -> "CAST(deceased AS TEXT)";
            default -> throw new IllegalArgumentException("attribute " + attribute + " is not branchable");
        };
        @SuppressWarnings("unchecked")
        List<Object> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT " + column + " FROM patient_attribute WHERE patient_id = :patientId")
                .setParameter("patientId", patientId)
                .getResultList();
        return rows.stream().filter(v -> v != null).findFirst().map(Object::toString);
    }
}

package org.patientoutreach.triggers.patient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

/** One identifier of a patient as patients.profiles lists it ("system|value"); system is "" when none was given. */
@Entity
@Table(name = "patient_identifier")
@IdClass(PatientIdentifier.Key.class)
public class PatientIdentifier extends PanacheEntityBase {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Id
    public String system;

    @Id
    public String value;

    public record Key(String patientId, String system, String value) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    public static List<PatientIdentifier> withValue(String value) {
        return list("value", value);
    }
}

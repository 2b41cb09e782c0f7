package org.patientoutreach.emails.suppression;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A patient on the suppression list receives no email at all, whatever journey asks for it. */
@Entity
@Table(name = "suppression")
public class Suppression extends PanacheEntityBase {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Enumerated(EnumType.STRING)
    public SuppressionReason reason;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static boolean isSuppressed(String patientId) {
        return count("patientId", patientId) > 0;
    }
}

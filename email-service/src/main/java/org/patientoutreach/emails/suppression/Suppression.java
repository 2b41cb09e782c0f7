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
import java.util.Optional;

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

    /** Why the patient is on the list, if they are. */
    public static Optional<SuppressionReason> reasonOf(String patientId) {
        return Suppression.<Suppression>findByIdOptional(patientId).map(s -> s.reason);
    }

    /**
     * Puts the patient on the list for {@code reason} (a hard bounce, a spam complaint) unless they already are: their
     * own unsubscribe, or an earlier notice, stays.
     */
    public static void addUnlessListed(String patientId, SuppressionReason reason, Instant now) {
        getEntityManager().createNativeQuery("""
                INSERT INTO suppression (patient_id, reason, version, created_at, updated_at)
                VALUES (:patientId, :reason, 0, :now, :now)
                ON CONFLICT (patient_id) DO NOTHING""")
                .setParameter("patientId", patientId)
                .setParameter("reason", reason.name())
                .setParameter("now", now)
                .executeUpdate();
    }

    /**
     * Records the patient's own unsubscribe, in one statement so two clicks at once cannot both insert. It replaces
     * another reason, so an administrator who would lift, say, a bounce sees that the patient opted out; an existing
     * UNSUBSCRIBED stays untouched.
     *
     * @return true if the suppression list changed
     */
    public static boolean unsubscribe(String patientId, Instant now) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO suppression (patient_id, reason, version, created_at, updated_at)
                VALUES (:patientId, 'UNSUBSCRIBED', 0, :now, :now)
                ON CONFLICT (patient_id) DO UPDATE
                    SET reason = 'UNSUBSCRIBED', version = suppression.version + 1, updated_at = :now
                    WHERE suppression.reason <> 'UNSUBSCRIBED'""")
                .setParameter("patientId", patientId)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }
}

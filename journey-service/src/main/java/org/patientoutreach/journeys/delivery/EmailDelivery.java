package org.patientoutreach.journeys.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.patientoutreach.schemas.DeliveryEventType;

/** One delivery event for an email a journey step requested, tied to that instance and node. */
@Entity
@Table(name = "email_delivery")
public class EmailDelivery extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "journey_id")
    public UUID journeyId;

    @Column(name = "instance_id")
    public UUID instanceId;

    @Column(name = "node_id")
    public String nodeId;

    @Enumerated(EnumType.STRING)
    public DeliveryEventType type;

    /** A machine code from email-service (e.g. NO_CONSENT), never PHI. */
    public String reason;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    /** Whether email-service reported one of {@code types} for the email an instance's step requested. */
    public static boolean reported(UUID instanceId, String nodeId, List<DeliveryEventType> types) {
        return count("instanceId = ?1 and nodeId = ?2 and type in ?3", instanceId, nodeId, types) > 0;
    }

    /** How many of the journey's requests reached {@code type} (an email opened twice counts once). */
    public static long requestsWith(UUID journeyId, DeliveryEventType type) {
        return getEntityManager().createQuery("""
                SELECT count(DISTINCT d.requestId) FROM EmailDelivery d WHERE d.journeyId = :journeyId AND d.type = :type""",
                Long.class)
                .setParameter("journeyId", journeyId)
                .setParameter("type", type)
                .getSingleResult();
    }
}

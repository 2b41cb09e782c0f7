package org.patientoutreach.triggers.trigger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.patientoutreach.schemas.InteractionType;

@Entity
@Table(name = "trigger_definition")
public class Trigger extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "interaction_type")
    public InteractionType interactionType;

    public String department;
    public String facility;
    public String source;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> attributes;

    @Column(name = "cooldown_seconds")
    public Long cooldownSeconds;

    @Enumerated(EnumType.STRING)
    public TriggerStatus status;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The active triggers that can match an interaction of {@code type}; conditions are checked by the caller. */
    public static List<Trigger> activeFor(InteractionType type) {
        return list("status = ?1 and interactionType = ?2", TriggerStatus.ACTIVE, type);
    }

    public static PanacheQuery<Trigger> newestFirst() {
        return find("order by createdAt desc, id");
    }

    public TriggerConditions conditions() {
        return new TriggerConditions(department, facility, source, attributes);
    }

    public void applyConditions(TriggerConditions conditions) {
        TriggerConditions c = conditions == null ? TriggerConditions.ANY : conditions;
        department = c.department();
        facility = c.facility();
        source = c.source();
        attributes = c.attributes();
    }

    public Duration cooldown() {
        return cooldownSeconds == null ? null : Duration.ofSeconds(cooldownSeconds);
    }

    public void applyCooldown(Duration cooldown) {
        cooldownSeconds = cooldown == null ? null : cooldown.getSeconds();
    }
}

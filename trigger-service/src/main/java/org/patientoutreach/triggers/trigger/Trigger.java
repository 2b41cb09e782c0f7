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
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.triggers.match.CompiledCondition;
import org.patientoutreach.triggers.match.CompiledTrigger;

@Entity
@Table(name = "trigger_definition")
public class Trigger extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** Names of {@link InteractionType}s, kept as text so a symbol added to the contract needs no migration. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "interaction_types")
    public List<String> interactionTypes;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Condition> conditions;

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

    public static List<Trigger> active() {
        return list("status", TriggerStatus.ACTIVE);
    }

    /** What a test-fire looks at: everything that fires or may soon (drafts). */
    public static List<Trigger> draftOrActive() {
        return list("status in ?1 order by createdAt, id", List.of(TriggerStatus.DRAFT, TriggerStatus.ACTIVE));
    }

    public static PanacheQuery<Trigger> newestFirst() {
        return find("order by createdAt desc, id");
    }

    public List<InteractionType> types() {
        return interactionTypes.stream().map(InteractionType::valueOf).toList();
    }

    /** Conditions were validated when stored, so compiling them again cannot fail. */
    public CompiledTrigger compile() {
        return new CompiledTrigger(id, name, conditions.stream().map(CompiledCondition::compile).toList(), cooldown());
    }

    public Duration cooldown() {
        return cooldownSeconds == null ? null : Duration.ofSeconds(cooldownSeconds);
    }

    public void applyCooldown(Duration cooldown) {
        cooldownSeconds = cooldown == null ? null : cooldown.getSeconds();
    }
}

package org.patientoutreach.triggers.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.triggers.match.TriggersChanged;

/** Defines, edits, activates and deactivates triggers; every change reloads the matching index once committed. */
@ApplicationScoped
public class TriggerService {

    private static final Logger LOG = Logger.getLogger(TriggerService.class);

    private final Event<TriggersChanged> changed;
    private final TriggerCatalog catalog;

    public TriggerService(Event<TriggersChanged> changed, TriggerCatalog catalog) {
        this.changed = changed;
        this.catalog = catalog;
    }

    @Transactional
    public TriggerView create(TriggerRequest request) {
        TriggerStatus status = request.status() == null ? TriggerStatus.ACTIVE : request.status();
        if (status == TriggerStatus.INACTIVE) {
            throw ProblemException.badField("status", "a new trigger is DRAFT or ACTIVE");
        }
        Trigger trigger = new Trigger();
        trigger.id = UUID.randomUUID();
        trigger.status = status;
        trigger.createdAt = Instant.now();
        define(trigger, request.name(), request.interactionType(), request.interactionTypes(), request.conditions(),
                request.cooldown());
        trigger.persistAndFlush();
        catalog.publish(trigger);
        changed.fire(new TriggersChanged());
        LOG.infof("trigger %s created (%s)", trigger.id, status);
        return TriggerView.of(trigger, null);
    }

    @Transactional
    public Page<TriggerView> list(int page, int size) {
        Page<Trigger> triggers = Page.of(Trigger.newestFirst(), page, size);
        Map<UUID, TriggerStats> stats = TriggerStats.of(triggers.items().stream().map(t -> t.id).toList());
        return triggers.map(t -> TriggerView.of(t, stats.get(t.id)));
    }

    @Transactional
    public TriggerView get(UUID id) {
        return TriggerView.of(find(id, LockModeType.NONE), TriggerStats.findById(id));
    }

    @Transactional
    public TriggerView update(UUID id, TriggerUpdateRequest request) {
        // The row lock makes the version comparison authoritative: no other edit can slip in before our flush.
        Trigger trigger = find(id, LockModeType.PESSIMISTIC_WRITE);
        if (trigger.version != request.version()) {
            throw ProblemException.conflict("Trigger " + id + " is at version " + trigger.version
                    + ", not " + request.version() + "; read it again and reapply the change");
        }
        define(trigger, request.name(), request.interactionType(), request.interactionTypes(), request.conditions(),
                request.cooldown());
        trigger.flush();
        catalog.publish(trigger);
        changed.fire(new TriggersChanged());
        LOG.infof("trigger %s updated to version %d", id, trigger.version);
        return TriggerView.of(trigger, TriggerStats.findById(id));
    }

    /** DRAFT → ACTIVE, ACTIVE ⇄ INACTIVE; asking for the current status again is harmless. */
    @Transactional
    public TriggerView changeStatus(UUID id, TriggerStatus status) {
        Trigger trigger = find(id, LockModeType.PESSIMISTIC_WRITE);
        if (trigger.status != status) {
            if (status == TriggerStatus.INACTIVE && trigger.status == TriggerStatus.DRAFT) {
                throw ProblemException.conflict("Trigger " + id + " is a DRAFT: activate it first, or leave it");
            }
            trigger.status = status;
            trigger.updatedAt = Instant.now();
            trigger.flush();
            catalog.publish(trigger);
            changed.fire(new TriggersChanged());
            LOG.infof("trigger %s is now %s", id, status);
        }
        return TriggerView.of(trigger, TriggerStats.findById(id));
    }

    private static Trigger find(UUID id, LockModeType lock) {
        Trigger trigger = Trigger.findById(id, lock);
        if (trigger == null) {
            throw ProblemException.notFound("Trigger", id);
        }
        return trigger;
    }

    private static void define(Trigger trigger, String name, InteractionType type, List<InteractionType> types,
            JsonNode conditions, Duration cooldown) {
        if (cooldown != null && (cooldown.isNegative() || cooldown.isZero() || cooldown.getNano() != 0)) {
            throw ProblemException.badField("cooldown", "must be a positive ISO-8601 duration of whole seconds, e.g. PT24H");
        }
        trigger.name = name.strip();
        trigger.interactionTypes = typesOf(type, types);
        trigger.conditions = ConditionsParser.parse(conditions);
        trigger.applyCooldown(cooldown);
        trigger.updatedAt = Instant.now();
    }

    private static List<String> typesOf(InteractionType type, List<InteractionType> types) {
        Set<String> names = new LinkedHashSet<>();
        if (type != null) {
            names.add(type.name());
        }
        if (types != null) {
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i) == null) {
                    throw ProblemException.badField("interactionTypes[" + i + "]", "must be an interaction type");
                }
                names.add(types.get(i).name());
            }
        }
        if (names.isEmpty()) {
            throw ProblemException.badField("interactionType", "give interactionType or a non-empty interactionTypes");
        }
        return new ArrayList<>(names);
    }
}

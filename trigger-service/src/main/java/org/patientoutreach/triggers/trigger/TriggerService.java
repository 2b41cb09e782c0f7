package org.patientoutreach.triggers.trigger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.commons.rest.Page;

/** Defines, edits, pauses and activates triggers. */
@ApplicationScoped
public class TriggerService {

    private static final Logger LOG = Logger.getLogger(TriggerService.class);

    @Transactional
    public TriggerView create(TriggerRequest request) {
        Trigger trigger = new Trigger();
        trigger.id = UUID.randomUUID();
        trigger.status = TriggerStatus.ACTIVE;
        trigger.createdAt = Instant.now();
        define(trigger, request.name(), request.interactionType(), request.conditions(), request.cooldown());
        trigger.persistAndFlush();
        LOG.infof("trigger %s created", trigger.id);
        return TriggerView.of(trigger);
    }

    @Transactional
    public Page<TriggerView> list(int page, int size) {
        return Page.of(Trigger.newestFirst(), page, size).map(TriggerView::of);
    }

    @Transactional
    public TriggerView get(UUID id) {
        return TriggerView.of(find(id, LockModeType.NONE));
    }

    @Transactional
    public TriggerView update(UUID id, TriggerUpdateRequest request) {
        // The row lock makes the version comparison authoritative: no other edit can slip in before our flush.
        Trigger trigger = find(id, LockModeType.PESSIMISTIC_WRITE);
        if (trigger.version != request.version()) {
            throw ProblemException.conflict("Trigger " + id + " is at version " + trigger.version
                    + ", not " + request.version() + "; read it again and reapply the change");
        }
        define(trigger, request.name(), request.interactionType(), request.conditions(), request.cooldown());
        trigger.flush();
        LOG.infof("trigger %s updated to version %d", id, trigger.version);
        return TriggerView.of(trigger);
    }

    @Transactional
    public TriggerView changeStatus(UUID id, TriggerStatus status) {
        Trigger trigger = find(id, LockModeType.PESSIMISTIC_WRITE);
        if (trigger.status != status) {
            trigger.status = status;
            trigger.updatedAt = Instant.now();
            trigger.flush();
            LOG.infof("trigger %s is now %s", id, status);
        }
        return TriggerView.of(trigger);
    }

    private static Trigger find(UUID id, LockModeType lock) {
        Trigger trigger = Trigger.findById(id, lock);
        if (trigger == null) {
            throw ProblemException.notFound("Trigger", id);
        }
        return trigger;
    }

    private static void define(Trigger trigger, String name, InteractionType type, TriggerConditions conditions,
            Duration cooldown) {
        if (cooldown != null && (cooldown.isNegative() || cooldown.isZero() || cooldown.getNano() != 0)) {
            throw ProblemException.badField("cooldown", "must be a positive ISO-8601 duration of whole seconds, e.g. PT24H");
        }
        trigger.name = name.strip();
        trigger.interactionType = type;
        trigger.applyConditions(conditions);
        trigger.applyCooldown(cooldown);
        trigger.updatedAt = Instant.now();
    }
}

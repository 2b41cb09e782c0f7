package org.patientoutreach.journeys.trigger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.patientoutreach.journeys.instance.Enrollment;
import org.patientoutreach.journeys.instance.Enrollment.Entrant;
import org.patientoutreach.journeys.instance.Instances;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.schemas.TriggerFired;

/**
 * What a poll of firings does, in the firings' order: exits, then entries gathered per journey and inserted with one
 * statement each. Order matters only when one patient both enters and leaves within the poll, so the gathered
 * entries are written out before an exit that concerns one of their patients.
 */
@ApplicationScoped
class FiringEffects {

    private final Instances instances;
    private final Enrollment enrollment;

    @Inject
    FiringEffects(Instances instances, Enrollment enrollment) {
        this.instances = instances;
        this.enrollment = enrollment;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void apply(List<TriggerFired> firings) {
        // Journeys of a trigger, read once per poll: a journey that goes live meanwhile takes the next poll's firings.
        Map<UUID, List<Journey>> entering = new HashMap<>();
        Map<UUID, Boolean> exiting = new HashMap<>();
        Pending pending = new Pending();
        for (TriggerFired firing : firings) {
            UUID triggerId = UUID.fromString(firing.getTriggerId());
            String patientId = firing.getPatientId();
            if (exiting.computeIfAbsent(triggerId, t -> Journey.count("exitTriggerId = ?1", t) > 0)) {
                if (pending.patients.contains(patientId)) {
                    pending.flush();
                }
                instances.exitOnTrigger(triggerId, patientId);
            }
            for (Journey journey : entering.computeIfAbsent(triggerId, Journey::enrollingFromTrigger)) {
                if (TriggerFiringConsumer.meets(journey.entryConditions, firing.getAttributes())) {
                    pending.add(journey, new Entrant(patientId, "firing:" + firing.getFiringId(),
                            TriggerFiringConsumer.contextOf(firing)));
                }
            }
        }
        pending.flush();
    }

    /** Entries not yet written, per journey in the order they came. */
    private final class Pending {
        private final Map<Journey, List<Entrant>> entrants = new LinkedHashMap<>();
        private final Set<String> patients = new HashSet<>();

        void add(Journey journey, Entrant entrant) {
            entrants.computeIfAbsent(journey, j -> new ArrayList<>()).add(entrant);
            patients.add(entrant.patientId());
        }

        void flush() {
            entrants.forEach(enrollment::enrollAll);
            entrants.clear();
            patients.clear();
        }
    }
}

package org.patientoutreach.triggers.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.firing.Firing;
import org.patientoutreach.triggers.match.CompiledTrigger;

/**
 * The per-patient de-duplication window of one batch. The batch's firings are written only at its end, so the ones
 * matched earlier in the batch are checked here as well as the recorded ones. Both ways in time, as
 * {@link Firing#firedWithin} does, so a replay or an out-of-order delivery decides the same.
 */
final class CooldownCheck {

    private record Key(UUID triggerId, String patientId) {
    }

    private final Map<Key, List<Instant>> matchedInBatch = new HashMap<>();

    boolean blocks(CompiledTrigger trigger, PatientInteraction interaction) {
        Duration window = trigger.dedupWindow();
        if (window == null) {
            return false;
        }
        Instant at = interaction.getOccurredAt();
        for (Instant earlier : matchedInBatch.getOrDefault(new Key(trigger.id(), interaction.getPatientId()), List.of())) {
            if (earlier.isAfter(at.minus(window)) && earlier.isBefore(at.plus(window))) {
                return true;
            }
        }
        return Firing.firedWithin(trigger.id(), interaction.getPatientId(), at, window);
    }

    void record(CompiledTrigger trigger, PatientInteraction interaction) {
        if (trigger.dedupWindow() != null) {
            matchedInBatch.computeIfAbsent(new Key(trigger.id(), interaction.getPatientId()), k -> new ArrayList<>())
                    .add(interaction.getOccurredAt());
        }
    }
}

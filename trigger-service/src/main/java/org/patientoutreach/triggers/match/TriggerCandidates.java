package org.patientoutreach.triggers.match;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patientoutreach.schemas.PatientInteraction;

/**
 * The active triggers of one interaction type, indexed by the value of an EQUALS or IN condition, so that an
 * interaction only meets the triggers that can still match it: with a thousand triggers for a thousand departments,
 * a check-in is evaluated against about one trigger, not all of them. A trigger without such a condition is always a
 * candidate. Candidates come back in the order the triggers were given, so firing order does not depend on the index.
 */
final class TriggerCandidates {

    private final List<CompiledTrigger> triggers;
    /** Triggers (by position) that every interaction must be checked against. */
    private final int[] unindexed;
    /** Per indexed field: the condition reading it (any one, they read alike) and positions by accepted value. */
    private final List<FieldIndex> fields;

    private record FieldIndex(CompiledCondition reader, Map<String, int[]> byValue) {
    }

    TriggerCandidates(List<CompiledTrigger> triggers) {
        this.triggers = List.copyOf(triggers);
        List<Integer> always = new ArrayList<>();
        Map<String, CompiledCondition> readers = new LinkedHashMap<>();
        Map<String, Map<String, List<Integer>>> positions = new LinkedHashMap<>();
        for (int i = 0; i < this.triggers.size(); i++) {
            CompiledCondition key = keyCondition(this.triggers.get(i));
            if (key == null) {
                always.add(i);
                continue;
            }
            String field = key.condition().field().strip();
            readers.putIfAbsent(field, key);
            Map<String, List<Integer>> byValue = positions.computeIfAbsent(field, f -> new HashMap<>());
            for (String value : key.exactValues()) {
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
        }
        this.unindexed = always.stream().mapToInt(Integer::intValue).toArray();
        this.fields = new ArrayList<>();
        positions.forEach((field, byValue) -> {
            Map<String, int[]> frozen = new HashMap<>();
            byValue.forEach((value, list) -> frozen.put(value, list.stream().mapToInt(Integer::intValue).toArray()));
            fields.add(new FieldIndex(readers.get(field), Map.copyOf(frozen)));
        });
    }

    /** The most selective guess without statistics: an EQUALS beats an IN, fewer values beat more. */
    private static CompiledCondition keyCondition(CompiledTrigger trigger) {
        CompiledCondition best = null;
        for (CompiledCondition c : trigger.conditions()) {
            if (c.exactValues() != null && (best == null || c.exactValues().size() < best.exactValues().size())) {
                best = c;
            }
        }
        return best;
    }

    /** The triggers whose indexed condition accepts this interaction, plus the unindexed ones; not yet matched. */
    List<CompiledTrigger> candidatesFor(PatientInteraction interaction) {
        BitSet hits = new BitSet(triggers.size());
        for (int i : unindexed) {
            hits.set(i);
        }
        for (FieldIndex field : fields) {
            String value = field.reader().indexKey(interaction);
            int[] found = value == null ? null : field.byValue().get(value);
            if (found != null) {
                for (int i : found) {
                    hits.set(i);
                }
            }
        }
        List<CompiledTrigger> candidates = new ArrayList<>(hits.cardinality());
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            candidates.add(triggers.get(i));
        }
        return candidates;
    }
}

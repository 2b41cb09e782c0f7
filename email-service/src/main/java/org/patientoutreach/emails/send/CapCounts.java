package org.patientoutreach.emails.send;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patientoutreach.emails.EmailsConfig;

/**
 * Each patient's commercial emails per rolling-window cap, for one batch of requests: loaded with one grouped query
 * per cap, then kept current as the batch queues more, so a batch with several emails for one patient caps them
 * exactly as one request after the other would.
 */
final class CapCounts {

    private final List<EmailsConfig.Cap> caps;
    private final Map<String, long[]> counts;

    CapCounts(List<EmailsConfig.Cap> caps, Map<String, long[]> counts) {
        this.caps = caps;
        this.counts = counts;
    }

    /**
     * Locks the patients' contact rows (in id order, so two batches cannot deadlock), then counts: requests of one
     * patient decide their caps one batch after the other, across polls and replicas. Only patients with commercial
     * requests are passed, so a transactional campaign takes no row locks (each lock is a write to the contact row).
     */
    static CapCounts load(Collection<EmailsConfig.Cap> caps, Collection<String> patientIds, Instant now) {
        List<EmailsConfig.Cap> ordered = List.copyOf(caps);
        Map<String, long[]> counts = new HashMap<>();
        List<String> patients = patientIds.stream().distinct().toList();
        if (!patients.isEmpty() && !ordered.isEmpty()) { // no caps configured: nothing to count, nothing to lock
            Panache.getEntityManager().createNativeQuery(
                    "SELECT patient_id FROM patient_contact WHERE patient_id = ANY (?1) ORDER BY patient_id FOR UPDATE")
                    .setParameter(1, patients.toArray(String[]::new)).getResultList();
        }
        for (int i = 0; i < ordered.size() && !patients.isEmpty(); i++) {
            int cap = i;
            EmailSend.commercialSince(patients, now.minus(ordered.get(i).window())).forEach((patientId, count) ->
                    counts.computeIfAbsent(patientId, p -> new long[ordered.size()])[cap] = count);
        }
        return new CapCounts(ordered, counts);
    }

    /** Whether one more commercial email would exceed a cap of the patient. */
    boolean reached(String patientId) {
        long[] sent = counts.get(patientId);
        for (int i = 0; i < caps.size(); i++) {
            if ((sent == null ? 0 : sent[i]) >= caps.get(i).max()) {
                return true;
            }
        }
        return false;
    }

    /** A commercial email of the patient was queued: due now or later, it falls inside every window. */
    void add(String patientId) {
        long[] sent = counts.computeIfAbsent(patientId, p -> new long[caps.size()]);
        for (int i = 0; i < sent.length; i++) {
            sent[i]++;
        }
    }
}

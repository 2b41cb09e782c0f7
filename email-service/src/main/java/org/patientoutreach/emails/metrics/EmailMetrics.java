package org.patientoutreach.emails.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.patientoutreach.commons.tx.AfterCommit;

/**
 * What an operator watches this service by, on {@code /q/metrics}: outcomes of send requests, opens and clicks (and the
 * scanner hits left out), the relay's bounce and complaint notices, webhooks refused, and SMTP workers held back by the
 * crash window. Tags are statuses, reasons and kinds from small fixed sets: never an id, an address or a name. Counts
 * that belong to a transaction are added once it commits, so a rolled-back batch counts nothing.
 */
@ApplicationScoped
public class EmailMetrics {

    /** SMTP workers' waits for room in the crash window ({@link #handOverWaited}); tests and benchmarks read it. */
    public static final String HAND_OVER_WAITS = "outreach.emails.hand-over.waits";

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public EmailMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** {@code count} send requests ended as {@code status} (SENT, SUPPRESSED, FAILED) for {@code reason}. */
    public void outcomes(String status, String reason, int count) {
        if (count == 0) {
            return; // the once-a-second look for sends a stopped dispatcher handed over usually finds none
        }
        afterCommit(() -> registry.counter("outreach.emails.outcomes", "status", status,
                "reason", reason == null ? "none" : reason).increment(count));
    }

    /** An open or click ({@code kind}), counted as the patient's or left out as a scanner's ({@code by}). */
    public void engagement(String kind, String by) {
        afterCommit(() -> registry.counter("outreach.emails.engagement", "kind", kind, "by", by).increment());
    }

    /** A relay's notice of {@code type} from {@code source} (api, report, sns), recorded or a repeat. */
    public void feedback(String source, String type, boolean recorded) {
        afterCommit(() -> registry.counter("outreach.emails.feedback", "source", source, "type", type,
                "recorded", String.valueOf(recorded)).increment());
    }

    /**
     * A webhook refused before anything of it was used: {@code source} sns (reason topic, origin, certificate,
     * signature) or mailgun (not-configured, signature, stale, token).
     */
    public void webhookRefused(String source, String reason) {
        registry.counter("outreach.emails.webhook.refused", "source", source, "reason", reason).increment();
    }

    /**
     * An SMTP worker waited for room among the emails past their dot whose hand-over is not yet recorded: a count that
     * rises with the send rate says the ceiling ({@code emails.dispatch.max-unrecorded-hand-overs}) or the database
     * holds sending back.
     */
    public void handOverWaited() {
        registry.counter(HAND_OVER_WAITS).increment();
    }

    /** How many times an SMTP worker has waited for room in the crash window so far. */
    public long handOverWaits() {
        var waits = registry.find(HAND_OVER_WAITS).counter();
        return waits == null ? 0 : (long) waits.count();
    }

    private void afterCommit(Runnable count) {
        AfterCommit.run(transactions, count);
    }
}

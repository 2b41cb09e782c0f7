package org.patientoutreach.emails.analytics;

import java.util.List;
import java.util.Map;

/**
 * Outcomes of the send requests of one email or one journey. Rates are shares of {@code sent} (click-to-open of
 * {@code uniqueOpens}), 0 when there is nothing to divide by; {@code bounced} counts sent emails the relay reported
 * bounced afterwards (hard or soft), {@code complaints} those reported as spam. Aggregates only: no patient id
 * appears here. {@code links} are the destinations followed, most followed first (at most {@value #MAX_LINKS}), as the
 * emails carried them: a template whose link addresses would carry the patient's name cannot become READY.
 */
public record EmailStats(String emailId, String journeyId, long requested, long pending, long sent, long suppressed,
        long failed, long uniqueOpens, long uniqueClicks, long bounced, long complaints, double openRate,
        double clickRate, double clickToOpenRate, double bounceRate, double complaintRate,
        Map<String, Long> suppressedByReason, List<LinkClicks> links) {

    static final int MAX_LINKS = 50;

    static EmailStats of(String emailId, String journeyId, long[] counts, Map<String, Long> suppressedByReason,
            List<LinkClick> linkClicks) {
        long requested = counts[0];
        long sent = counts[1];
        long suppressed = counts[2];
        long failed = counts[3];
        long opens = counts[4];
        long clicks = counts[5];
        long bounced = counts[6];
        long complaints = counts[7];
        return new EmailStats(emailId, journeyId, requested, requested - sent - suppressed - failed, sent, suppressed,
                failed, opens, clicks, bounced, complaints, rate(opens, sent), rate(clicks, sent), rate(clicks, opens),
                rate(bounced, sent), rate(complaints, sent), suppressedByReason,
                linkClicks.stream().map(link -> new LinkClicks(link.url(), link.uniqueClicks(), link.clicks(),
                        rate(link.uniqueClicks(), sent))).toList());
    }

    /** A row of the click counts by destination, before its rate is known. */
    record LinkClick(String url, long uniqueClicks, long clicks) {
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}

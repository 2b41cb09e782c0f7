package org.patientoutreach.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.patientoutreach.e2e.Mailboxes.Delivered;

/**
 * The crash run's verdict: every intended email against what the SMTP server holds. One intended email is one
 * (recipient address, kind) pair, and each test patient has an address of their own, so an address's inbox says
 * everything about that patient. Lost: no email of the kind; duplicated: more than one. Copies are split by
 * Message-ID ({@code <requestId@domain>}): the same one means a send request delivered twice (email-service), a
 * different one means the same intent requested twice (upstream). Unexpected: mail of another kind, or mail at a
 * run address nobody meant to write to.
 */
final class CrashReport {

    /** One email the run means to cause: {@code subjectMarker} is in the subject of that kind's email. */
    record Intent(String patientId, String kind, String phase, String subjectMarker) {
    }

    /** Counts for one kind of email and phase of the run. */
    record Row(String kind, String phase, int intended, int received, int lost, int duplicated,
            int extraSameMessageId, int extraOtherMessageId, int unexpected) {

        Row plus(Row o) {
            return new Row(kind, phase, intended + o.intended, received + o.received, lost + o.lost,
                    duplicated + o.duplicated, extraSameMessageId + o.extraSameMessageId,
                    extraOtherMessageId + o.extraOtherMessageId, unexpected + o.unexpected);
        }
    }

    final List<Row> rows;
    final Row total;
    /** Patient ids (no PHI) of the lost and duplicated emails, for looking them up in the services' logs. */
    final List<String> lostPatients = new ArrayList<>();
    final List<String> duplicatedPatients = new ArrayList<>();

    /**
     * @param intended    address -> the email meant for it
     * @param inboxes     address -> what GreenMail holds there (the intended addresses at least)
     * @param strayInboxes messages at run addresses that are not intended at all
     */
    CrashReport(Map<String, Intent> intended, Map<String, List<Delivered>> inboxes, int strayInboxes) {
        Map<String, Row> byPhase = new LinkedHashMap<>();
        for (Map.Entry<String, Intent> e : intended.entrySet()) {
            Intent intent = e.getValue();
            List<Delivered> inbox = inboxes.getOrDefault(e.getKey(), List.of());
            List<Delivered> matching = inbox.stream().filter(m -> m.subject().contains(intent.subjectMarker()))
                    .toList();
            int distinctIds = (int) matching.stream().map(Delivered::messageId).distinct().count();
            boolean lost = matching.isEmpty();
            boolean duplicated = matching.size() > 1;
            if (lost) {
                lostPatients.add(intent.patientId());
            }
            if (duplicated) {
                duplicatedPatients.add(intent.patientId());
            }
            Row one = new Row(intent.kind(), intent.phase(), 1, lost ? 0 : 1, lost ? 1 : 0, duplicated ? 1 : 0,
                    matching.size() - distinctIds, Math.max(0, distinctIds - 1), inbox.size() - matching.size());
            byPhase.merge(intent.kind() + "\u0000" + intent.phase(), one, Row::plus);
        }
        this.rows = List.copyOf(byPhase.values());
        Row sum = new Row("all", "whole run", 0, 0, 0, 0, 0, 0, strayInboxes);
        for (Row row : rows) {
            sum = sum.plus(row);
        }
        this.total = sum;
    }

    boolean exactlyOnce() {
        return total.lost() == 0 && total.duplicated() == 0 && total.unexpected() == 0;
    }

    /** The table the run prints (Markdown, so it can go into BENCHMARKS.md as printed). */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| email | phase (check-ins published while ...) | intended | received | lost | duplicated"
                + " | extra copies, same Message-ID | extra copies, other Message-ID | unexpected |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append(line(r));
        }
        out.append(line(total).replace("| all | whole run |", "| **all** | **whole run** |"));
        return out.toString();
    }

    private static String line(Row r) {
        return String.format("| %s | %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d |%n", r.kind(), r.phase(),
                r.intended(), r.received(), r.lost(), r.duplicated(), r.extraSameMessageId(),
                r.extraOtherMessageId(), r.unexpected());
    }

    /** Counts of a collection of outcome labels, e.g. {"SENT": 3, "no send request": 1}, sorted. */
    static String histogram(Collection<String> labels) {
        Map<String, Long> counts = new TreeMap<>(labels.stream()
                .collect(Collectors.groupingBy(l -> l, Collectors.counting())));
        return counts.toString();
    }

    /** Addresses of the run that GreenMail knows but nobody intended. */
    static List<String> strays(Collection<String> known, Set<String> intended, String runMarker) {
        return known.stream().filter(a -> a.contains(runMarker) && !intended.contains(a)).toList();
    }
}

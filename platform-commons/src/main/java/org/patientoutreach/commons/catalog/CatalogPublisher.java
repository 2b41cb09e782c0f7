package org.patientoutreach.commons.catalog;

import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.patientoutreach.commons.outbox.Outbox;

/**
 * The owning side of a status catalog (segments.catalog, emails.catalog, triggers.catalog): a compacted topic keyed
 * by id that carries each definition's id, name and status, so journey-service can check its references before a
 * journey goes live. Entries leave through the outbox in the transaction of the change. The owner flushes its row's
 * UPDATE before {@link #publish}, so the row lock precedes the outbox row and a concurrent {@link #republishAll}
 * (which reads FOR SHARE) either waits for that commit or is waited for: the topic's last record per id is always
 * the newest state.
 *
 * @param <R> the topic's Avro record
 */
public final class CatalogPublisher<R extends SpecificRecord> {

    /** What every catalog entry is made of. */
    public record Row(UUID id, String name, String status, Instant updatedAt) {
    }

    private final Outbox outbox;
    private final String topic;
    private final String table;
    private final Function<Row, R> entry;

    /** @param table the owner's table, with columns id, name, status and updated_at */
    public CatalogPublisher(Outbox outbox, String topic, String table, Function<Row, R> entry) {
        this.outbox = outbox;
        this.topic = topic;
        this.table = table;
        this.entry = entry;
    }

    public String topic() {
        return topic;
    }

    public void publish(UUID id, String name, String status, Instant updatedAt) {
        outbox.publish(topic, id.toString(), entry.apply(new Row(id, name, status, updatedAt)));
    }

    /**
     * Publishes every row's current state again, in the caller's transaction. At start-up this names what was made
     * before the catalog existed (a Flyway migration cannot publish Avro through the outbox) and recovers a topic that
     * was lost or recreated; on a compacted topic keyed by id an entry published again only replaces itself, and
     * journey-service keeps the latest {@code updatedAt}, so replicas starting together change nothing.
     *
     * @return how many entries were published
     */
    public int republishAll(EntityManager em) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, name, status, updated_at FROM " + table + " ORDER BY id FOR SHARE").getResultList();
        Map<String, R> entries = new LinkedHashMap<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            entries.put(id.toString(), entry.apply(new Row(id, (String) row[1], (String) row[2], toInstant(row[3]))));
        }
        outbox.publishAll(topic, entries);
        return entries.size();
    }

    /** The contract's constant of that name, or {@code other} for a status the contract does not list. */
    public static <E extends Enum<E>> E status(Class<E> type, String name, E other) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return other;
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}

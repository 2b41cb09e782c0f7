package org.patientoutreach.journeys.support;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One projection table of a compacted status catalog (segment_catalog, email_catalog, trigger_catalog): the latest
 * status per id. Table and column names are constants of the callers, never input.
 */
public final class StatusCatalog {

    private final String table;
    private final String idColumn;

    public StatusCatalog(String table, String idColumn) {
        this.table = table;
        this.idColumn = idColumn;
    }

    /**
     * Stores the status unless a later one of the same id is already stored: the relay may deliver an entry twice
     * and a replica's start-up republish may arrive after a newer change, and neither may move the status back.
     */
    public void apply(UUID id, String status, Instant updatedAt) {
        Panache.getEntityManager().createNativeQuery("INSERT INTO " + table + " (" + idColumn
                + ", status, updated_at) VALUES (:id, :status, :updatedAt) ON CONFLICT (" + idColumn
                + ") DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at WHERE " + table
                + ".updated_at <= EXCLUDED.updated_at")
                .setParameter("id", id)
                .setParameter("status", status)
                .setParameter("updatedAt", updatedAt)
                .executeUpdate();
    }

    /** The stored status, empty if the catalog never named this id. */
    public Optional<String> status(UUID id) {
        @SuppressWarnings("unchecked")
        List<String> rows = Panache.getEntityManager().createNativeQuery(
                "SELECT status FROM " + table + " WHERE " + idColumn + " = :id")
                .setParameter("id", id)
                .getResultList();
        return rows.stream().findFirst();
    }
}

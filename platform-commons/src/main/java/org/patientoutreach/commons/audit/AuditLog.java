package org.patientoutreach.commons.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.patientoutreach.commons.rest.Page;

/**
 * The append-only audit log of a service ({@code audit_log}; a database trigger refuses UPDATE and DELETE). Entries
 * are written in their own transaction, so a request that failed and rolled back is still on record.
 */
@ApplicationScoped
public class AuditLog {

    private final DataSource dataSource;

    @Inject
    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void append(AuditEntry e) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO audit_log (id, at, subject, roles, action, method, path, resource_type, resource_id, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, e.id());
                ps.setTimestamp(2, Timestamp.from(e.at()));
                ps.setString(3, storable(e.subject()));
                ps.setString(4, storable(e.roles()));
                ps.setString(5, storable(e.action()));
                ps.setString(6, storable(e.method()));
                ps.setString(7, storable(e.path()));
                ps.setString(8, storable(e.resourceType()));
                ps.setString(9, storable(e.resourceId()));
                ps.setInt(10, e.status());
                ps.executeUpdate();
            } catch (SQLException ex) {
                throw new IllegalStateException("audit insert failed: SQLState " + ex.getSQLState(), ex);
            }
        });
    }

    /**
     * What a client sent (a path, an id taken from it) can hold control characters such as NUL, which PostgreSQL
     * text refuses; the request must still be on record, so they become '?', and absurd lengths are cut.
     */
    static String storable(String value) {
        if (value == null) {
            return null;
        }
        String cut = value.length() > 2000 ? value.substring(0, 2000) + "..." : value;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** Newest first, filtered by any of subject, resource type, resource id, action and time range. */
    public Page<AuditEntry> search(AuditQuery q, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        filter(where, args, "subject", q.subject());
        filter(where, args, "resource_type", q.resourceType());
        filter(where, args, "resource_id", q.resourceId());
        filter(where, args, "action", q.action());
        if (q.from() != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(q.to()));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                long total;
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log" + where)) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                List<AuditEntry> items = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, at, subject, roles, action, method, path, "
                        + "resource_type, resource_id, status FROM audit_log" + where
                        + " ORDER BY at DESC, id OFFSET ? LIMIT ?")) {
                    int next = bind(ps, args);
                    ps.setLong(next, (long) page * size);
                    ps.setInt(next + 1, size);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(new AuditEntry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                    rs.getString(8), rs.getString(9), rs.getInt(10)));
                        }
                    }
                }
                return new Page<>(items, page, size, total);
            }
        });
    }

    /** Filters of {@link #search}; null means any. */
    public record AuditQuery(String subject, String resourceType, String resourceId, String action, Instant from,
            Instant to) {
    }

    private static void filter(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            ps.setObject(i++, arg);
        }
        return i;
    }
}

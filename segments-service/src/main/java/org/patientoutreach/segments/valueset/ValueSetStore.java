package org.patientoutreach.segments.valueset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.patientoutreach.commons.rest.Page;

/** Stores value sets and their codes; a value set loaded again replaces its codes whole. */
@ApplicationScoped
public class ValueSetStore {

    private final DataSource dataSource;
    /** Codes by system per value set id; rules read them on every compile, loads replace them. */
    private final java.util.concurrent.ConcurrentMap<String, java.util.Map<String, String[]>> codeCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public ValueSetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or replaces {@code content}; returns whether it was new. */
    @Transactional
    public boolean save(ValueSetContent content, String source) {
        Instant now = Instant.now();
        ValueSet existing = ValueSet.findById(content.id());
        ValueSet v = existing == null ? new ValueSet() : existing;
        if (existing == null) {
            v.id = content.id();
            v.createdAt = now;
        }
        v.url = content.url();
        v.version = content.version();
        v.name = content.name();
        v.title = content.title();
        v.source = source;
        v.codeCount = content.codes().size();
        v.updatedAt = now;
        v.persistAndFlush();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM value_set_code WHERE value_set_id = ?")) {
                ps.setString(1, content.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO value_set_code (value_set_id, system, code, display) VALUES (?, ?, ?, ?)")) {
                for (ValueSetContent.Code code : content.codes()) {
                    ps.setString(1, content.id());
                    ps.setString(2, code.system());
                    ps.setString(3, code.code());
                    ps.setString(4, code.display());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("value set save failed: SQLState " + e.getSQLState(), e);
        }
        codeCache.remove(content.id());
        return existing == null;
    }

    /** A value set's codes grouped by system (cached until the set is loaded again). */
    public java.util.Map<String, String[]> codesBySystem(String id) {
        return codeCache.computeIfAbsent(id, this::readCodes);
    }

    private java.util.Map<String, String[]> readCodes(String id) {
        java.util.Map<String, List<String>> bySystem = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT system, code FROM value_set_code WHERE value_set_id = ? ORDER BY system, code")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySystem.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("value set read failed: SQLState " + e.getSQLState(), e);
        }
        java.util.Map<String, String[]> result = new java.util.LinkedHashMap<>();
        bySystem.forEach((system, codes) -> result.put(system, codes.toArray(String[]::new)));
        return result;
    }

    /** The stored id of a value set referenced by id, OID or canonical url. */
    @Transactional
    public Optional<String> resolve(String reference) {
        return ValueSet.<ValueSet>find("id = ?1 or url = ?1", reference).firstResultOptional().map(v -> v.id);
    }

    @Transactional
    public Optional<String> storedVersion(String id) {
        return ValueSet.<ValueSet>findByIdOptional(id).map(v -> v.version == null ? "" : v.version);
    }

    @Transactional
    public Page<ValueSetContent.Code> codes(String id, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            List<ValueSetContent.Code> codes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT system, code, display FROM value_set_code WHERE value_set_id = ?
                    ORDER BY system, code LIMIT ? OFFSET ?""")) {
                ps.setString(1, id);
                ps.setInt(2, size);
                ps.setLong(3, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        codes.add(new ValueSetContent.Code(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            ValueSet v = ValueSet.findById(id);
            return new Page<>(codes, page, size, v == null ? 0 : v.codeCount);
        } catch (SQLException e) {
            throw new IllegalStateException("value set read failed: SQLState " + e.getSQLState(), e);
        }
    }
}

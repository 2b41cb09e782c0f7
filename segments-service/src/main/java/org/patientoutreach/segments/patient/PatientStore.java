package org.patientoutreach.segments.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes patients and facts with JDBC batches: a Synthea bundle carries thousands of facts, and row-by-row ORM
 * merges would dominate import time. Joins the caller's transaction.
 */
@ApplicationScoped
public class PatientStore {

    private static final int BATCH = 1000;

    private final DataSource dataSource;

    @Inject
    public PatientStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertPatients(Collection<PatientRecord> patients) {
        String sql = """
                INSERT INTO patient (id, identifiers, given_name, family_name, email, phone, birth_date, gender,
                                     language, timezone, postal_code, email_consent, deceased)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET identifiers = EXCLUDED.identifiers, given_name = EXCLUDED.given_name,
                    family_name = EXCLUDED.family_name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                    birth_date = EXCLUDED.birth_date, gender = EXCLUDED.gender, language = EXCLUDED.language,
                    timezone = EXCLUDED.timezone, postal_code = EXCLUDED.postal_code,
                    email_consent = EXCLUDED.email_consent, deceased = EXCLUDED.deceased, updated_at = now()
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            batch(ps, patients, p -> {
                ps.setString(1, p.id());
                ps.setArray(2, c.createArrayOf("text", p.identifiers().toArray()));
                ps.setString(3, p.givenName());
                ps.setString(4, p.familyName());
                ps.setString(5, p.email());
                ps.setString(6, p.phone());
                ps.setDate(7, p.birthDate() == null ? null : Date.valueOf(p.birthDate()));
                ps.setString(8, p.gender());
                ps.setString(9, p.language());
                ps.setString(10, p.timezone());
                ps.setString(11, p.postalCode());
                ps.setObject(12, p.emailConsent(), Types.BOOLEAN);
                ps.setBoolean(13, p.deceased());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("patient upsert failed: SQLState " + e.getSQLState(), e);
        }
    }

    /** Replaces every fact of the given resources: a re-sent resource must not leave stale codings behind. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceFacts(Collection<ResourceKey> resources, Collection<ClinicalFact> facts) {
        try (Connection c = dataSource.getConnection()) {
            deleteFacts(c, resources);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO clinical_fact (resource_type, resource_id, ordinal, patient_id, system, code, status,
                                               effective_at, ended_at, category, value_num, value_unit)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                batch(ps, facts, f -> {
                    ps.setString(1, f.resourceType());
                    ps.setString(2, f.resourceId());
                    ps.setInt(3, f.ordinal());
                    ps.setString(4, f.patientId());
                    ps.setString(5, f.system());
                    ps.setString(6, f.code());
                    ps.setString(7, f.status());
                    ps.setTimestamp(8, f.effectiveAt() == null ? null : Timestamp.from(f.effectiveAt()));
                    ps.setTimestamp(9, f.endedAt() == null ? null : Timestamp.from(f.endedAt()));
                    ps.setString(10, f.category());
                    if (f.valueNum() == null) {
                        ps.setNull(11, Types.NUMERIC);
                    } else {
                        ps.setBigDecimal(11, f.valueNum());
                    }
                    ps.setString(12, f.valueUnit());
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fact upsert failed: SQLState " + e.getSQLState(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteResource(ResourceKey resource) {
        try (Connection c = dataSource.getConnection()) {
            if ("Patient".equals(resource.type())) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM patient WHERE id = ?")) {
                    ps.setString(1, resource.id());
                    ps.executeUpdate();
                }
            } else {
                deleteFacts(c, List.of(resource));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delete failed: SQLState " + e.getSQLState(), e);
        }
    }

    private static void deleteFacts(Connection c, Collection<ResourceKey> resources) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM clinical_fact WHERE resource_type = ? AND resource_id = ?")) {
            batch(ps, resources, key -> {
                ps.setString(1, key.type());
                ps.setString(2, key.id());
            });
        }
    }

    /** Sets one row's parameters. */
    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(T item) throws SQLException;
    }

    /** Executes {@code ps} once per item, sent to the database {@value #BATCH} rows at a time. */
    private static <T> void batch(PreparedStatement ps, Iterable<T> items, RowBinder<T> binder) throws SQLException {
        int pending = 0;
        for (T item : items) {
            binder.bind(item);
            ps.addBatch();
            if (++pending == BATCH) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }

    @Transactional
    public Optional<PatientRecord> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT id, identifiers, given_name, family_name, email, phone, birth_date, gender, language,
                               timezone, postal_code, email_consent, deceased FROM patient WHERE id = ?""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date birth = rs.getDate(7);
                return Optional.of(new PatientRecord(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        birth == null ? null : birth.toLocalDate(), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getObject(12, Boolean.class), rs.getBoolean(13)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("patient read failed: SQLState " + e.getSQLState(), e);
        }
    }

    @Transactional
    public List<ClinicalFact> facts(String patientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT resource_type, resource_id, ordinal, patient_id, system, code, status, effective_at,
                               ended_at, category, value_num, value_unit
                        FROM clinical_fact WHERE patient_id = ? ORDER BY effective_at DESC NULLS LAST, resource_id""")) {
            ps.setString(1, patientId);
            List<ClinicalFact> facts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    facts.add(new ClinicalFact(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), rs.getString(10), rs.getBigDecimal(11), rs.getString(12)));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw new IllegalStateException("fact read failed: SQLState " + e.getSQLState(), e);
        }
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Identifies a FHIR resource. */
    public record ResourceKey(String type, String id) {
    }
}

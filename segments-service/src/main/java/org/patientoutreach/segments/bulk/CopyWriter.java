package org.patientoutreach.segments.bulk;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.segments.patient.ClinicalFact;
import org.patientoutreach.segments.patient.FhirImporter;
import org.patientoutreach.segments.patient.PatientRecord;
import org.patientoutreach.segments.patient.PatientStore.ResourceKey;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one batch of a bulk import in one transaction with COPY into temporary staging tables, then set-based
 * merges: facts of re-sent resources are replaced, patients upserted, profiles queued in the outbox. COPY moves
 * rows an order of magnitude faster than batched INSERTs, which keeps the database off the critical path.
 */
@ApplicationScoped
public class CopyWriter {

    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS patient_stage (id TEXT, identifiers TEXT[], given_name TEXT,
                family_name TEXT, email TEXT, phone TEXT, birth_date DATE, gender TEXT, language TEXT, timezone TEXT,
                postal_code TEXT, email_consent BOOLEAN, deceased BOOLEAN) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS resource_stage (resource_type TEXT, resource_id TEXT) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS fact_stage (resource_type TEXT, resource_id TEXT, ordinal INT,
                patient_id TEXT, system TEXT, code TEXT, status TEXT, effective_at TIMESTAMPTZ, ended_at TIMESTAMPTZ,
                category TEXT, value_num NUMERIC, value_unit TEXT) ON COMMIT DELETE ROWS;
            """;
    private static final String MERGE = """
            DELETE FROM clinical_fact f USING resource_stage r
                WHERE f.resource_type = r.resource_type AND f.resource_id = r.resource_id;
            INSERT INTO clinical_fact (resource_type, resource_id, ordinal, patient_id, system, code, status,
                effective_at, ended_at, category, value_num, value_unit)
                SELECT resource_type, resource_id, ordinal, patient_id, system, code, status, effective_at, ended_at,
                       category, value_num, value_unit FROM fact_stage;
            INSERT INTO patient (id, identifiers, given_name, family_name, email, phone, birth_date, gender, language,
                timezone, postal_code, email_consent, deceased)
                SELECT id, identifiers, given_name, family_name, email, phone, birth_date, gender, language, timezone,
                       postal_code, email_consent, deceased FROM patient_stage
                ON CONFLICT (id) DO UPDATE SET identifiers = EXCLUDED.identifiers, given_name = EXCLUDED.given_name,
                    family_name = EXCLUDED.family_name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                    birth_date = EXCLUDED.birth_date, gender = EXCLUDED.gender, language = EXCLUDED.language,
                    timezone = EXCLUDED.timezone, postal_code = EXCLUDED.postal_code,
                    email_consent = EXCLUDED.email_consent, deceased = EXCLUDED.deceased, updated_at = now();
            """;

    private final DataSource dataSource;
    private final Outbox outbox;

    @Inject
    public CopyWriter(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** One batch: patients by id and each resource's facts (last version wins within the batch). */
    public record Batch(Map<String, PatientRecord> patients, Map<ResourceKey, List<ClinicalFact>> resources) {

        public Batch() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        public int size() {
            return patients.size() + resources.size();
        }

        public int facts() {
            return resources.values().stream().mapToInt(List::size).sum();
        }
    }

    public void write(Batch batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute(STAGE);
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn("COPY patient_stage FROM STDIN WITH (FORMAT csv)", new StringReader(patients(batch)));
                copy.copyIn("COPY resource_stage FROM STDIN WITH (FORMAT csv)", new StringReader(resources(batch)));
                copy.copyIn("COPY fact_stage FROM STDIN WITH (FORMAT csv)", new StringReader(facts(batch)));
                try (Statement s = c.createStatement()) {
                    s.execute(MERGE);
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("bulk batch write failed: " + (e instanceof SQLException sql
                        ? "SQLState " + sql.getSQLState() : e.getClass().getSimpleName()), e);
            }
            Map<String, PatientProfile> profiles = new LinkedHashMap<>();
            batch.patients().values().forEach(p -> profiles.put(p.id(), FhirImporter.profile(p)));
            outbox.publishAll(FhirImporter.PROFILES_TOPIC, profiles);
        });
    }

    private static String patients(Batch batch) {
        Csv csv = new Csv();
        for (PatientRecord p : batch.patients().values()) {
            csv.value(p.id()).array(p.identifiers()).value(p.givenName()).value(p.familyName()).value(p.email())
                    .value(p.phone()).value(p.birthDate()).value(p.gender()).value(p.language()).value(p.timezone())
                    .value(p.postalCode()).value(p.emailConsent()).value(p.deceased()).endRow();
        }
        return csv.text();
    }

    private static String resources(Batch batch) {
        Csv csv = new Csv();
        batch.resources().keySet().forEach(k -> csv.value(k.type()).value(k.id()).endRow());
        return csv.text();
    }

    private static String facts(Batch batch) {
        Csv csv = new Csv();
        for (List<ClinicalFact> facts : batch.resources().values()) {
            for (ClinicalFact f : facts) {
                csv.value(f.resourceType()).value(f.resourceId()).value(f.ordinal()).value(f.patientId())
                        .value(f.system()).value(f.code()).value(f.status()).value(f.effectiveAt())
                        .value(f.endedAt()).value(f.category()).value(f.valueNum()).value(f.valueUnit()).endRow();
            }
        }
        return csv.text();
    }
}

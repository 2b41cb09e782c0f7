package org.patientoutreach.segments.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates N synthetic patients with realistic clinical facts directly in PostgreSQL (generate_series), so a million
 * patients take minutes rather than the hours of generating and importing FHIR. Rates follow US prevalence roughly:
 * a quarter of adults hypertensive, one in ten diabetic, about half vaccinated against flu, most women screened.
 * Codes are the ones Synthea and EHRs write, matched through the shipped value sets.
 */
final class SyntheticPopulation {

    private SyntheticPopulation() {
    }

    static void create(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE patient, clinical_fact, segment_member, segment_evaluation, outbox_event");
            s.execute("DELETE FROM segment");
            s.execute("""
                    INSERT INTO patient (id, identifiers, birth_date, gender, postal_code, language, deceased)
                    SELECT 'bench-' || g, ARRAY['urn:bench|' || g], date '2025-12-31' - (random() * 90 * 365)::int,
                           CASE WHEN random() < 0.51 THEN 'female' ELSE 'male' END,
                           lpad((random() * 99999)::int::text, 5, '0'), CASE WHEN random() < 0.8 THEN 'en' ELSE 'es' END,
                           random() < 0.01
                    FROM generate_series(1, %d) g""".formatted(n));
            // Conditions, with ages in years computed once.
            fact(s, "Condition", "http://snomed.info/sct", "44054006", "active",
                    "date '2010-01-01' + (random() * 5000)::int", "NULL", "age >= 18 AND random() < 0.10");
            fact(s, "Condition", "http://snomed.info/sct", "59621000", "active",
                    "date '2005-01-01' + (random() * 7000)::int", "NULL", "age >= 18 AND random() < 0.25");
            fact(s, "Condition", "http://snomed.info/sct", "72892002", "active",
                    "date '2025-01-01' + (random() * 300)::int", "NULL", "gender = 'female' AND age BETWEEN 18 AND 45 AND random() < 0.03");
            // Lab results and vitals.
            fact(s, "Observation", "http://loinc.org", "4548-4", "final",
                    "date '2025-01-01' + (random() * 360)::int", "4 + random() * 8",
                    "id IN (SELECT patient_id FROM clinical_fact WHERE code = '44054006') AND random() < 0.8");
            fact(s, "Observation", "http://loinc.org", "4548-4", "final",
                    "date '2024-01-01' + (random() * 360)::int", "4 + random() * 6", "age >= 18 AND random() < 0.2");
            fact(s, "Observation", "http://loinc.org", "8480-6", "final",
                    "date '2025-01-01' + (random() * 360)::int", "105 + random() * 55",
                    "id IN (SELECT patient_id FROM clinical_fact WHERE code = '59621000') AND random() < 0.9");
            fact(s, "Observation", "http://loinc.org", "8462-4", "final",
                    "date '2025-01-01' + (random() * 360)::int", "65 + random() * 35",
                    "id IN (SELECT patient_id FROM clinical_fact WHERE code = '59621000') AND random() < 0.9");
            fact(s, "Observation", "http://loinc.org", "33914-3", "final",
                    "date '2025-01-01' + (random() * 360)::int", "40 + random() * 60",
                    "id IN (SELECT patient_id FROM clinical_fact WHERE code = '44054006') AND random() < 0.6");
            fact(s, "Observation", "http://loinc.org", "14959-1", "final",
                    "date '2025-01-01' + (random() * 360)::int", "random() * 60",
                    "id IN (SELECT patient_id FROM clinical_fact WHERE code = '44054006') AND random() < 0.5");
            // Screenings and procedures.
            fact(s, "Procedure", "http://snomed.info/sct", "71651007", "completed",
                    "date '2022-01-01' + (random() * 1450)::int", "NULL", "gender = 'female' AND age >= 40 AND random() < 0.7");
            fact(s, "Procedure", "http://snomed.info/sct", "73761001", "completed",
                    "date '2012-01-01' + (random() * 5000)::int", "NULL", "age >= 45 AND random() < 0.45");
            fact(s, "Procedure", "http://snomed.info/sct", "385763009", "completed",
                    "date '2025-01-01' + (random() * 360)::int", "NULL", "age >= 65 AND random() < 0.02");
            // Immunizations: flu for half of everyone, the childhood series for most two-year-olds.
            fact(s, "Immunization", "http://hl7.org/fhir/sid/cvx", "140", "completed",
                    "date '2024-09-01' + (random() * 200)::int", "NULL", "random() < 0.5");
            for (String[] dose : new String[][] { { "20", "4" }, { "10", "3" }, { "49", "3" }, { "08", "3" },
                    { "133", "4" }, { "119", "2" }, { "140", "2" }, { "03", "1" }, { "21", "1" }, { "83", "1" } }) {
                for (int i = 0; i < Integer.parseInt(dose[1]); i++) {
                    fact(s, "Immunization", "http://hl7.org/fhir/sid/cvx", dose[0], "completed",
                            "birth_date + 390 + " + (i * 60), "NULL", "age = 2 AND (hashtext(id) % 10) <> 0");
                }
            }
            // Encounters: routine check-ups for everyone, well-child visits for most children.
            fact(s, "Encounter", "http://snomed.info/sct", "185349003", "finished",
                    "date '2024-01-01' + (random() * 720)::int", "NULL", "true");
            fact(s, "Encounter", "http://snomed.info/sct", "410620009", "finished",
                    "date '2025-01-01' + (random() * 360)::int", "NULL", "age BETWEEN 3 AND 21 AND random() < 0.6");
            s.execute("ANALYZE patient");
            s.execute("ANALYZE clinical_fact");
        }
    }

    private static int sequence;

    /** One fact per selected patient: ordinal 0 of a synthetic resource. */
    private static void fact(Statement s, String type, String system, String code, String status, String date,
            String value, String where) throws SQLException {
        int batch = ++sequence;
        s.execute("""
                INSERT INTO clinical_fact (resource_type, resource_id, ordinal, patient_id, system, code, status,
                                           effective_at, category, value_num)
                SELECT '%s', '%d-' || id, 0, id, '%s', '%s', '%s', (%s)::timestamptz + interval '9 hours',
                       CASE WHEN '%s' = 'Encounter' THEN 'AMB' END, (%s)::numeric
                FROM (SELECT id, birth_date, gender, date_part('year', age(date '2025-12-31', birth_date))::int AS age
                      FROM patient) p
                WHERE %s""".formatted(type, batch, system, code, status, date, type, value, where));
    }
}

-- clinical_fact_by_coding (code, system, resource_type) serves value-set and code lookups, clinical_fact_by_patient
-- serves per-patient reads; (resource_type, code, patient_id) added nothing but write cost on every imported fact.
DROP INDEX clinical_fact_by_code;

package org.patientoutreach.segments.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.segments.Cohorts.load;
import static org.patientoutreach.segments.Cohorts.set;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patientoutreach.segments.Cohorts;
import org.patientoutreach.segments.Fhir;

/**
 * Each prebuilt measure on hand-made patients at its edges (age boundaries, lookback boundaries, exclusions),
 * measurement year 2025. Every test scopes the measure to its own cohort by postal code, so the populations are
 * exactly the patients it made.
 */
@QuarkusTest
class CareGapMeasuresTest {

    /** Patient ids of one population of a measure, within the cohort. */
    private static Set<String> population(Fhir cohort, String measure, String population) {
        return Cohorts.members(cohort, """
                {"type":"careGap","measure":"%s","period":2025,"population":"%s"}""".formatted(measure, population));
    }

    @Test
    void breast_cancer_screening_ages_42_to_74_lookback_from_1_october_two_years_back_and_mastectomy_excludes() {
        Fhir c = new Fhir();
        String age41 = c.patient("female", "1984-01-01");
        String age42 = c.patient("female", "1983-12-31");
        String age74 = c.patient("female", "1951-01-01");
        String age75 = c.patient("female", "1950-12-31");
        String man = c.patient("male", "1960-06-01");
        String screenedOnFirstDay = c.patient("female", "1960-06-01");
        c.procedure(screenedOnFirstDay, Fhir.SNOMED, "71651007", "2023-10-01");
        String screenedDayBefore = c.patient("female", "1960-06-01");
        c.procedure(screenedDayBefore, Fhir.SNOMED, "24623002", "2023-09-30");
        String bilateralMastectomy = c.patient("female", "1960-06-01");
        c.procedure(bilateralMastectomy, Fhir.SNOMED, "1268980002", "2015-03-01");
        String hospice = c.patient("female", "1960-06-01");
        c.encounter(hospice, "IMP", Fhir.SNOMED, "305336008", "2025-04-01");
        String deceased = c.patient("female", "1960-06-01", true);
        load(c);

        assertEquals(set(age42, age74, screenedOnFirstDay, screenedDayBefore, bilateralMastectomy, hospice),
                population(c, "BCS-E", "ELIGIBLE"), "eligible: women 42-74, living");
        assertEquals(set(bilateralMastectomy, hospice), population(c, "BCS-E", "EXCLUDED"));
        assertEquals(set(screenedOnFirstDay), population(c, "BCS-E", "NUMERATOR"));
        assertEquals(set(age42, age74, screenedDayBefore), population(c, "BCS-E", "GAP"));
        assertEquals(Set.of(), Set.of(age41, age75, man, deceased).stream()
                .filter(population(c, "BCS-E", "GAP")::contains).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void glycemic_status_gap_is_latest_hba1c_above_9_or_no_test_in_the_year() {
        Fhir c = new Fhir();
        String high = diabetic(c);
        c.observation(high, Fhir.LOINC, "4548-4", "2025-03-01", 7.0).observation(high, Fhir.LOINC, "4548-4", "2025-09-01", 9.5);
        String exactlyNine = diabetic(c);
        c.observation(exactlyNine, Fhir.LOINC, "4548-4", "2025-09-01", 9.0);
        String improved = diabetic(c);
        c.observation(improved, Fhir.LOINC, "4548-4", "2025-02-01", 10.2).observation(improved, Fhir.LOINC, "4548-4", "2025-08-01", 7.1);
        String untested = diabetic(c);
        c.observation(untested, Fhir.LOINC, "4548-4", "2024-12-31", 6.0);
        String noValue = diabetic(c);
        c.observation(noValue, Fhir.LOINC, "4548-4", "2025-05-05", null);
        String notDiabetic = c.patient("male", "1970-01-01");
        c.observation(notDiabetic, Fhir.LOINC, "4548-4", "2025-09-01", 11.0);
        String resolvedBeforeYear = c.patient("female", "1970-01-01");
        c.condition(resolvedBeforeYear, Fhir.SNOMED, "44054006", "2010-01-01", "2024-06-01");
        load(c);

        assertEquals(set(high, exactlyNine, improved, untested, noValue), population(c, "GSD", "ELIGIBLE"));
        assertEquals(set(high, untested, noValue), population(c, "GSD", "GAP"), "inverse: the numerator is the gap");
    }

    private static String diabetic(Fhir c) {
        String id = c.patient("female", "1970-01-01");
        c.condition(id, Fhir.SNOMED, "44054006", "2015-01-01");
        return id;
    }

    @Test
    void blood_pressure_is_controlled_when_the_latest_reading_of_the_year_is_below_140_over_90() {
        Fhir c = new Fhir();
        String controlled = hypertensive(c);
        c.bloodPressure(controlled, "2025-03-01", 160, 100).bloodPressure(controlled, "2025-11-01", 130, 85);
        String latestHigh = hypertensive(c);
        c.bloodPressure(latestHigh, "2025-03-01", 120, 70).bloodPressure(latestHigh, "2025-11-01", 145, 80);
        String noReading = hypertensive(c);
        String pregnant = hypertensive(c);
        c.condition(pregnant, Fhir.SNOMED, "72892002", "2025-02-01");
        String diagnosedInJuly = c.patient("male", "1960-01-01");
        c.condition(diagnosedInJuly, Fhir.SNOMED, "59621000", "2025-07-01");
        load(c);

        assertEquals(set(controlled, latestHigh, noReading, pregnant), population(c, "CBP", "ELIGIBLE"));
        assertEquals(set(pregnant), population(c, "CBP", "EXCLUDED"));
        assertEquals(set(latestHigh, noReading), population(c, "CBP", "GAP"));
    }

    private static String hypertensive(Fhir c) {
        String id = c.patient("female", "1960-01-01");
        c.condition(id, Fhir.SNOMED, "59621000", "2020-01-01");
        return id;
    }

    @Test
    void kidney_health_needs_egfr_including_loinc_33914_3_and_uacr_in_the_year() {
        Fhir c = new Fhir();
        String both = diabetic(c);
        c.observation(both, Fhir.LOINC, "33914-3", "2025-04-01", 75.0).observation(both, Fhir.LOINC, "14959-1", "2025-04-01", 12.0);
        String onlyUacr = diabetic(c);
        c.observation(onlyUacr, Fhir.LOINC, "14959-1", "2025-04-01", 12.0);
        String lastYear = diabetic(c);
        c.observation(lastYear, Fhir.LOINC, "33914-3", "2024-04-01", 75.0).observation(lastYear, Fhir.LOINC, "14959-1", "2024-04-01", 12.0);
        String esrd = diabetic(c);
        c.condition(esrd, Fhir.SNOMED, "46177005", "2019-01-01");
        load(c);

        assertEquals(set(esrd), population(c, "KED", "EXCLUDED"));
        assertEquals(set(both), population(c, "KED", "NUMERATOR"));
        assertEquals(set(onlyUacr, lastYear), population(c, "KED", "GAP"));
    }

    @Test
    void colorectal_screening_counts_a_colonoscopy_up_to_nine_years_before_the_year() {
        Fhir c = new Fhir();
        String nineYears = c.patient("male", "1960-01-01");
        c.procedure(nineYears, Fhir.SNOMED, "73761001", "2016-01-01");
        String tenYears = c.patient("male", "1960-01-01");
        c.procedure(tenYears, Fhir.SNOMED, "73761001", "2015-12-31");
        String fobt = c.patient("female", "1960-01-01");
        c.observation(fobt, Fhir.LOINC, "57905-2", "2025-06-01", 0.0);
        String age45 = c.patient("female", "1980-01-01");
        String cancer = c.patient("female", "1960-01-01");
        c.condition(cancer, Fhir.SNOMED, "363406005", "2018-01-01");
        load(c);

        assertEquals(set(nineYears, tenYears, fobt, cancer), population(c, "COL-E", "ELIGIBLE"));
        assertEquals(set(nineYears, fobt), population(c, "COL-E", "NUMERATOR"));
        assertEquals(set(tenYears), population(c, "COL-E", "GAP"));
    }

    @Test
    void childhood_immunizations_need_every_antigen_by_the_second_birthday() {
        Fhir c = new Fhir();
        String complete = c.patient("female", "2023-03-01");
        vaccinate(c, complete, "2023-03-01", true);
        String missingOneDtap = c.patient("male", "2023-03-01");
        vaccinate(c, missingOneDtap, "2023-03-01", false);
        String turnsThree = c.patient("male", "2022-12-31");
        vaccinate(c, turnsThree, "2022-12-31", true);
        load(c);

        assertEquals(set(complete, missingOneDtap), population(c, "CIS-E", "ELIGIBLE"));
        assertEquals(set(complete), population(c, "CIS-E", "NUMERATOR"));
        assertEquals(set(missingOneDtap), population(c, "CIS-E", "GAP"));
    }

    /** The Synthea childhood schedule, with or without the fourth DTaP dose. */
    private static void vaccinate(Fhir c, String child, String birthDate, boolean fourthDtap) {
        java.time.LocalDate birth = java.time.LocalDate.parse(birthDate);
        String[][] doses = {
                { "20", "P2M" }, { "20", "P4M" }, { "20", "P6M" }, { "10", "P2M" }, { "10", "P4M" }, { "10", "P6M" },
                { "49", "P2M" }, { "49", "P4M" }, { "49", "P12M" }, { "08", "P1D" }, { "08", "P1M" }, { "08", "P6M" },
                { "133", "P2M" }, { "133", "P4M" }, { "133", "P6M" }, { "133", "P12M" }, { "119", "P2M" },
                { "119", "P4M" }, { "140", "P6M" }, { "140", "P7M" }, { "03", "P13M" }, { "21", "P13M" },
                { "83", "P13M" } };
        for (String[] dose : doses) {
            c.immunization(child, dose[0], birth.plus(java.time.Period.parse(dose[1])).toString());
        }
        if (fourthDtap) {
            c.immunization(child, "20", birth.plusMonths(15).toString());
        }
    }

    @Test
    void influenza_counts_a_vaccine_from_1_july_of_the_year_before() {
        Fhir c = new Fhir();
        String inSeason = c.patient("female", "1980-01-01");
        c.immunization(inSeason, "140", "2024-07-01");
        String tooEarly = c.patient("female", "1980-01-01");
        c.immunization(tooEarly, "140", "2024-06-30");
        String age18 = c.patient("male", "2006-06-01");
        load(c);

        assertEquals(set(inSeason, tooEarly), population(c, "AIS-E", "ELIGIBLE"));
        assertEquals(set(tooEarly), population(c, "AIS-E", "GAP"));
    }

    @Test
    void well_care_counts_synthea_well_child_visits_for_ages_3_to_21() {
        Fhir c = new Fhir();
        String visited = c.patient("female", "2019-05-05");
        c.encounter(visited, "AMB", Fhir.SNOMED, "410620009", "2025-05-06");
        String notVisited = c.patient("male", "2019-05-05");
        c.encounter(notVisited, "AMB", Fhir.SNOMED, "410620009", "2024-05-06");
        String age2 = c.patient("male", "2023-01-01");
        String age22 = c.patient("male", "2003-12-31");
        load(c);

        assertEquals(set(visited, notVisited), population(c, "WCV", "ELIGIBLE"));
        assertEquals(set(notVisited), population(c, "WCV", "GAP"));
    }

    @Test
    void eye_exam_gap_holds_every_diabetic_without_a_retinal_exam() {
        Fhir c = new Fhir();
        String diabetic = diabetic(c);
        load(c);
        assertEquals(set(diabetic), population(c, "EED", "GAP"));
    }
}

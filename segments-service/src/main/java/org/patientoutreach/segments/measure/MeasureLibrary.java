package org.patientoutreach.segments.measure;

import static org.patientoutreach.segments.measure.Rules.ageAt;
import static org.patientoutreach.segments.measure.Rules.ageAtEnd;
import static org.patientoutreach.segments.measure.Rules.ages;
import static org.patientoutreach.segments.measure.Rules.and;
import static org.patientoutreach.segments.measure.Rules.between;
import static org.patientoutreach.segments.measure.Rules.code;
import static org.patientoutreach.segments.measure.Rules.count;
import static org.patientoutreach.segments.measure.Rules.deceased;
import static org.patientoutreach.segments.measure.Rules.end;
import static org.patientoutreach.segments.measure.Rules.fact;
import static org.patientoutreach.segments.measure.Rules.female;
import static org.patientoutreach.segments.measure.Rules.not;
import static org.patientoutreach.segments.measure.Rules.or;
import static org.patientoutreach.segments.measure.Rules.overlapping;
import static org.patientoutreach.segments.measure.Rules.upTo;
import static org.patientoutreach.segments.measure.Rules.year;
import static org.patientoutreach.segments.measure.Rules.years;
import static org.patientoutreach.segments.segment.FactKind.CONDITION;
import static org.patientoutreach.segments.segment.FactKind.ENCOUNTER;
import static org.patientoutreach.segments.segment.FactKind.IMMUNIZATION;
import static org.patientoutreach.segments.segment.FactKind.MEDICATION;
import static org.patientoutreach.segments.segment.FactKind.OBSERVATION;
import static org.patientoutreach.segments.segment.FactKind.PROCEDURE;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patientoutreach.segments.rule.Rule;
import org.patientoutreach.segments.rule.Rule.Window;

/**
 * The ten prebuilt care-gap measures, HEDIS-aligned (ages, windows and exclusions follow HEDIS MY2025 where it
 * differs from the public eCQMs; no visit requirement, because HEDIS uses enrollment) and written with the public
 * eCQM value sets plus project value sets where real data and Synthea code outside them. Each measure's logic is
 * documented in {@code docs/measures.md} of this service. Value-set ids without a prefix are VSAC OIDs below
 * {@code 2.16.840.1.113883.3.}.
 */
@ApplicationScoped
public class MeasureLibrary {

    static final String CVX = "http://hl7.org/fhir/sid/cvx";

    private final Map<String, Measure> measures = new LinkedHashMap<>();

    public MeasureLibrary() {
        add(new Measure("BCS-E", "Breast cancer screening",
                "CMS125 value sets; HEDIS MY2025 ages",
                "Women 42-74 at the end of the year. Met: a mammogram (LOINC result or SNOMED procedure) from 1 October"
                        + " two years before through the end of the year. Excluded: death, hospice, palliative care,"
                        + " age 66+ with frailty and advanced illness, bilateral mastectomy (or left and right).",
                false,
                y -> and(female(), ageAtEnd(y, 42, 74)),
                y -> or(common(y), bilateralMastectomy(y)),
                y -> {
                    Window w = between(LocalDate.of(y - 2, 10, 1), end(y));
                    return or(fact(OBSERVATION, "464.1003.108.12.1018", w),
                            fact(PROCEDURE, "outreach-mammography-procedure", w));
                }));
        add(new Measure("COL-E", "Colorectal cancer screening",
                "CMS130 value sets; HEDIS MY2025 ages",
                "Ages 46-75 at the end of the year. Met: FOBT in the year, stool DNA-FIT in the year or 2 before,"
                        + " flexible sigmoidoscopy or CT colonography in the year or 4 before, colonoscopy in the year"
                        + " or 9 before. Excluded: death, hospice, palliative care, frailty with advanced illness (66+),"
                        + " colorectal cancer or total colectomy.",
                false,
                y -> ageAtEnd(y, 46, 75),
                y -> or(common(y), fact(CONDITION, "464.1003.108.12.1001", upTo(end(y))),
                        fact(PROCEDURE, "464.1003.198.12.1019", upTo(end(y)))),
                y -> or(fact(OBSERVATION, "464.1003.198.12.1011", year(y)),
                        fact(OBSERVATION, "464.1003.108.12.1039", years(y, 2)),
                        fact(PROCEDURE, "464.1003.198.12.1010", years(y, 4)),
                        fact(OBSERVATION, "464.1003.108.12.1038", years(y, 4)),
                        fact(PROCEDURE, "464.1003.108.12.1020", years(y, 9)))));
        add(new Measure("CCS-E", "Cervical cancer screening",
                "CMS124 value sets; HEDIS MY2025 ages",
                "Women 24-64 at the end of the year. Met: cervical cytology in the year or 2 before, or an hrHPV test"
                        + " in the year or 4 before taken at age 30 or older. Excluded: death, hospice, palliative care,"
                        + " hysterectomy with no residual cervix, absence of cervix.",
                false,
                y -> and(female(), ageAtEnd(y, 24, 64)),
                y -> or(deceased(), hospice(y), palliative(y), fact(PROCEDURE, "464.1003.198.12.1014", upTo(end(y))),
                        fact(CONDITION, "464.1003.111.12.1016", upTo(end(y)))),
                y -> or(fact(OBSERVATION, "464.1003.108.12.1017", years(y, 2)),
                        fact(OBSERVATION, "464.1003.110.12.1059", new Window(LocalDate.of(y - 4, 1, 1), end(y), null,
                                java.time.Period.ofYears(30), null)))));
        add(new Measure("CBP", "Controlling high blood pressure",
                "CMS165 value sets and direct codes",
                "Ages 18-85 with essential hypertension active in the first six months of the year. Met: on the"
                        + " latest day with a blood pressure in the year, the lowest systolic is below 140 and the"
                        + " lowest diastolic below 90; no reading is a gap. Excluded: death, hospice, palliative care,"
                        + " pregnancy, ESRD, CKD 5, kidney transplant, dialysis, ages 66-80 with frailty and advanced"
                        + " illness, 81+ with frailty.",
                false,
                y -> and(ageAtEnd(y, 18, 85),
                        overlapping(CONDITION, "464.1003.104.12.1011", between(LocalDate.of(y, 1, 1),
                                LocalDate.of(y, 6, 30)))),
                y -> or(deceased(), hospice(y), palliative(y),
                        overlapping(CONDITION, "526.3.378", year(y)), overlapping(CONDITION, "526.3.353", year(y)),
                        overlapping(CONDITION, "464.1003.109.12.1029", year(y)),
                        overlapping(CONDITION, "526.3.1002", year(y)),
                        fact(PROCEDURE, "464.1003.109.12.1012", upTo(end(y))),
                        fact(PROCEDURE, "464.1003.109.12.1013", upTo(end(y))),
                        and(ageAtEnd(y, 66, 80), frailty(y), advancedIllness(y)),
                        and(ageAtEnd(y, 81, null), frailty(y))),
                y -> and(latest(Rules.LOINC, "8480-6", y, "140"), latest(Rules.LOINC, "8462-4", y, "90"))));
        add(new Measure("GSD", "Glycemic status > 9% for patients with diabetes (lower is better)",
                "CMS122 value sets",
                "Ages 18-75 with diabetes during the year. In the numerator (the gap): the latest HbA1c day of the"
                        + " year has its lowest value above 9 %, a missing value, or there is no test in the year."
                        + " Excluded: death, hospice, palliative care, frailty with advanced illness (66+).",
                true,
                y -> and(ageAtEnd(y, 18, 75), overlapping(CONDITION, "464.1003.103.12.1001", year(y))),
                MeasureLibrary::common,
                y -> new Rule.LatestValue(Rules.VSAC + "464.1003.198.12.1013", null, null, year(y),
                        Rule.Comparator.GT, new BigDecimal("9"), true)));
        add(new Measure("EED", "Eye exam for patients with diabetes",
                "CMS131 value sets",
                "Ages 18-75 with diabetes during the year. Met: a retinal or dilated eye exam in the year, or in the"
                        + " year before when no diabetic retinopathy is active in the year. Excluded: death, hospice,"
                        + " palliative care, frailty with advanced illness (66+).",
                false,
                y -> and(ageAtEnd(y, 18, 75), overlapping(CONDITION, "464.1003.103.12.1001", year(y))),
                MeasureLibrary::common,
                y -> or(fact(OBSERVATION, "464.1003.115.12.1088", year(y)),
                        and(fact(OBSERVATION, "464.1003.115.12.1088", years(y, 1)),
                                not(overlapping(CONDITION, "526.3.327", year(y)))))));
        add(new Measure("KED", "Kidney health evaluation for patients with diabetes",
                "CMS951 value sets plus the project eGFR set (LOINC 33914-3); HEDIS exclusions",
                "Ages 18-85 with diabetes during the year. Met: an eGFR and a urine albumin-creatinine ratio, both in"
                        + " the year. Excluded: death, hospice, palliative care, ESRD or CKD 5 at any time, ages 66-80"
                        + " with frailty and advanced illness, 81+ with frailty.",
                false,
                y -> and(ageAtEnd(y, 18, 85), overlapping(CONDITION, "464.1003.103.12.1001", year(y))),
                y -> or(deceased(), hospice(y), palliative(y), fact(CONDITION, "526.3.353", upTo(end(y))),
                        fact(CONDITION, "526.3.1002", upTo(end(y))),
                        and(ageAtEnd(y, 66, 80), frailty(y), advancedIllness(y)),
                        and(ageAtEnd(y, 81, null), frailty(y))),
                y -> and(or(fact(OBSERVATION, "6929.3.1000", year(y)), fact(OBSERVATION, "outreach-egfr", year(y))),
                        fact(OBSERVATION, "6929.3.1007", year(y)))));
        add(new Measure("CIS-E", "Childhood immunization status (Combination 10)",
                "CMS117 value sets",
                "Children who turn 2 in the year. Met by the second birthday: 4 DTaP, 3 IPV, 1 MMR, 3 Hib, 3 HepB,"
                        + " 1 VZV, 4 PCV, 1 HepA, 2 or 3 rotavirus (by product), 2 influenza; doses on distinct days,"
                        + " from 42 days of age (MMR, VZV, HepA between the first and second birthday, influenza from"
                        + " 180 days). Excluded: death, hospice, and before age 2 SCID, immunodeficiency, HIV,"
                        + " lymphoreticular cancer or intussusception.",
                false,
                y -> ageAtEnd(y, 2, 2),
                y -> or(deceased(), hospice(y),
                        fact(CONDITION, "464.1003.120.12.1007", ages(null, "P2Y")),
                        fact(CONDITION, "464.1003.120.12.1001", ages(null, "P2Y")),
                        fact(CONDITION, "464.1003.120.12.1003", ages(null, "P2Y")),
                        fact(CONDITION, "464.1003.108.12.1009", ages(null, "P2Y")),
                        fact(CONDITION, "464.1003.199.12.1056", ages(null, "P2Y"))),
                y -> and(doses("464.1003.196.12.1214", "464.1003.110.12.1022", ages("P42D", "P2Y"), 4),
                        doses("464.1003.196.12.1219", "464.1003.110.12.1045", ages("P42D", "P2Y"), 3),
                        doses("464.1003.196.12.1224", "464.1003.110.12.1031", ages("P1Y", "P2Y"), 1),
                        or(doses("464.1003.110.12.1083", "464.1003.110.12.1084", ages("P42D", "P2Y"), 3),
                                doses("464.1003.110.12.1085", "464.1003.110.12.1086", ages("P42D", "P2Y"), 4)),
                        doses("464.1003.196.12.1216", "464.1003.110.12.1042", ages(null, "P2Y"), 3),
                        doses("464.1003.196.12.1170", "464.1003.110.12.1040", ages("P1Y", "P2Y"), 1),
                        doses("464.1003.196.12.1221", "464.1003.110.12.1046", ages("P42D", "P2Y"), 4),
                        doses("464.1003.196.12.1215", "464.1003.110.12.1041", ages("P1Y", "P2Y"), 1),
                        or(new Rule.HasFact(IMMUNIZATION, null, CVX, List.of("119"), ages("P42D", "P2Y"), 2, null),
                                count(PROCEDURE, "464.1003.110.12.1048", ages("P42D", "P2Y"), 2),
                                doses("464.1003.196.12.1223", "464.1003.110.12.1047", ages("P42D", "P2Y"), 3)),
                        doses("464.1003.196.12.1218", "464.1003.110.12.1044", ages("P180D", "P2Y"), 2))));
        add(new Measure("AIS-E", "Adult immunization status: influenza",
                "CMS147 value sets; HEDIS AIS-E ages",
                "Ages 19+ at the start of the year. Met: an influenza vaccine (immunization or procedure) from 1 July"
                        + " of the year before through 30 June of the year. Excluded: death, hospice.",
                false,
                y -> ageAt(LocalDate.of(y, 1, 1), 19, null),
                y -> or(deceased(), hospice(y)),
                y -> {
                    Window season = between(LocalDate.of(y - 1, 7, 1), LocalDate.of(y, 6, 30));
                    return or(fact(IMMUNIZATION, "526.3.1254", season),
                            fact(IMMUNIZATION, "464.1003.110.12.1087", season),
                            fact(PROCEDURE, "526.3.402", season));
                }));
        add(new Measure("WCV", "Child and adolescent well-care visits",
                "no eCQM exists; public preventive-care proxy and the project well-care set",
                "Ages 3-21 at the end of the year. Met: a well-care visit in the year (well child visit, check-up,"
                        + " general examination, or a public preventive-care encounter). Excluded: death, hospice.",
                false,
                y -> ageAtEnd(y, 3, 21),
                y -> or(deceased(), hospice(y)),
                y -> or(fact(ENCOUNTER, "outreach-well-care-visit", year(y)), fact(ENCOUNTER, "526.3.1576", year(y)))));
    }

    public List<Measure> all() {
        return List.copyOf(measures.values());
    }

    public Optional<Measure> find(String id) {
        return Optional.ofNullable(measures.get(id == null ? null : id.toUpperCase()));
    }

    private void add(Measure measure) {
        measures.put(measure.id(), measure);
    }

    /** The exclusions most measures share: death, hospice, palliative care, frailty with advanced illness at 66+. */
    static Rule common(int y) {
        return or(deceased(), hospice(y), palliative(y), and(ageAtEnd(y, 66, null), frailty(y), advancedIllness(y)));
    }

    static Rule hospice(int y) {
        return or(overlapping(ENCOUNTER, "464.1003.1003", year(y)), fact(PROCEDURE, "526.3.1584", year(y)),
                fact(PROCEDURE, "2.16.840.1.113762.1.4.1108.15", year(y)),
                overlapping(CONDITION, "464.1003.1165", year(y)));
    }

    static Rule palliative(int y) {
        return or(overlapping(CONDITION, "464.1003.1167", year(y)), fact(ENCOUNTER, "464.1003.101.12.1090", year(y)),
                fact(PROCEDURE, "464.1003.198.12.1135", year(y)), code(OBSERVATION, Rules.LOINC, "71007-9", year(y)));
    }

    static Rule frailty(int y) {
        return or(overlapping(CONDITION, "464.1003.113.12.1074", year(y)), fact(ENCOUNTER, "464.1003.101.12.1088", year(y)),
                fact(OBSERVATION, "464.1003.113.12.1075", year(y)));
    }

    static Rule advancedIllness(int y) {
        return or(overlapping(CONDITION, "464.1003.110.12.1082", years(y, 1)),
                fact(MEDICATION, "464.1003.196.12.1510", year(y)));
    }

    /** Both sides removed, by a bilateral procedure or history, or by left and right evidence. */
    private static Rule bilateralMastectomy(int y) {
        Window ever = upTo(end(y));
        return or(fact(PROCEDURE, "464.1003.198.12.1005", ever), fact(CONDITION, "464.1003.198.12.1068", ever),
                and(or(fact(PROCEDURE, "464.1003.198.12.1134", ever), fact(CONDITION, "464.1003.198.12.1070", ever)),
                        or(fact(PROCEDURE, "464.1003.198.12.1133", ever),
                                fact(CONDITION, "464.1003.198.12.1069", ever))));
    }

    private static Rule latest(String system, String code, int y, String below) {
        return new Rule.LatestValue(null, system, List.of(code), year(y), Rule.Comparator.LT, new BigDecimal(below),
                false);
    }

    /** Vaccine doses recorded as immunizations or as procedures (counted separately: a dose recorded both ways once). */
    private static Rule doses(String immunizations, String procedures, Window window, int n) {
        return or(count(IMMUNIZATION, immunizations, window, n), count(PROCEDURE, procedures, window, n));
    }
}

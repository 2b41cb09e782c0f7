package org.patientoutreach.triggers.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.patient.PatientDirectory.ReceivedIdentifier;

/**
 * Reads an ADT message into the canonical interaction. Works on field positions through the Terser, so it does not
 * care which v2.x structure the message was parsed into.
 *
 * <ul>
 * <li>interactionId = {@code hl7:} sending application | sending facility | MSH-10 control id: a resent message
 * maps to the same interaction and fires nothing twice</li>
 * <li>occurredAt = EVN-6 (event occurred), else PV1-45 for a discharge, EVN-2, MSH-7, the time of receipt</li>
 * <li>facility PV1-3.4 else MSH-4, department PV1-3.1 (point of care), encounterId PV1-19 (visit number),
 * source MSH-3</li>
 * <li>attributes: hl7Event, patientClass (PV1-2) and encounterClass (its FHIR code), admissionType (PV1-4),
 * hospitalService (PV1-10), admitSource (PV1-14), dischargeDisposition (PV1-36), when present</li>
 * </ul>
 */
final class AdtMapper {

    private static final Map<String, String> ENCOUNTER_CLASS = Map.of(
            "I", "IMP", "O", "AMB", "E", "EMER", "P", "PRENC", "R", "AMB", "B", "OBSENC");

    private AdtMapper() {
    }

    static String messageType(Terser t) throws HL7Exception {
        return blankToNull(t.get("/MSH-9-1"));
    }

    static String event(Terser t) throws HL7Exception {
        return blankToNull(t.get("/MSH-9-2"));
    }

    static String controlId(Terser t) throws HL7Exception {
        return blankToNull(t.get("/MSH-10"));
    }

    /** PID-3, every repetition: the value (CX.1) and its assigning authority (CX.4.1 namespace, CX.4.2 OID). */
    static List<ReceivedIdentifier> identifiers(Terser t) throws HL7Exception {
        Segment pid = t.getSegment("/.PID");
        int repetitions = pid.getField(3).length;
        List<ReceivedIdentifier> ids = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            String value = blankToNull(t.get(pid, 3, i, 1, 1));
            Set<String> authorities = new LinkedHashSet<>();
            addIfPresent(authorities, t.get(pid, 3, i, 4, 1));
            addIfPresent(authorities, t.get(pid, 3, i, 4, 2));
            if (value != null) {
                ids.add(new ReceivedIdentifier(value, authorities));
            }
        }
        return ids;
    }

    static PatientInteraction toInteraction(Terser t, InteractionType type, String patientId, ZoneId zone)
            throws HL7Exception {
        String event = event(t);
        Instant occurredAt = firstTime(zone, t.get("/.EVN-6"),
                type == InteractionType.DISCHARGED ? t.get("/.PV1-45") : null, t.get("/.EVN-2"), t.get("/MSH-7"));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("hl7Event", event);
        String patientClass = blankToNull(t.get("/.PV1-2"));
        putIfPresent(attributes, "patientClass", patientClass);
        putIfPresent(attributes, "encounterClass", patientClass == null ? null : ENCOUNTER_CLASS.get(patientClass));
        putIfPresent(attributes, "admissionType", t.get("/.PV1-4"));
        putIfPresent(attributes, "hospitalService", t.get("/.PV1-10"));
        putIfPresent(attributes, "admitSource", t.get("/.PV1-14"));
        putIfPresent(attributes, "dischargeDisposition", t.get("/.PV1-36"));
        String facility = blankToNull(t.get("/.PV1-3-4"));
        return PatientInteraction.newBuilder()
                .setInteractionId(interactionId(t))
                .setPatientId(patientId)
                .setType(type)
                .setOccurredAt(occurredAt == null ? Instant.now() : occurredAt)
                .setSource(blankToNull(t.get("/MSH-3")))
                .setFacility(facility != null ? facility : blankToNull(t.get("/MSH-4")))
                .setDepartment(blankToNull(t.get("/.PV1-3-1")))
                .setEncounterId(blankToNull(t.get("/.PV1-19")))
                .setAttributes(attributes)
                .build();
    }

    static String interactionId(Terser t) throws HL7Exception {
        return "hl7:" + nonNull(t.get("/MSH-3")) + "|" + nonNull(t.get("/MSH-4")) + "|" + controlId(t);
    }

    private static Instant firstTime(ZoneId zone, String... candidates) {
        for (String candidate : candidates) {
            Instant at = Hl7Time.parse(candidate, zone);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value.strip());
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

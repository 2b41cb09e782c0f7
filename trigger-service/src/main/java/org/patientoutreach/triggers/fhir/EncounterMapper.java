package org.patientoutreach.triggers.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;

/**
 * A FHIR R4 Encounter's status as an interaction. Pure: JSON in, interaction out.
 *
 * <pre>
 * planned                 → APPOINTMENT_BOOKED
 * arrived, triaged        → CHECKED_IN
 * in-progress             → ADMITTED for an inpatient class (IMP, ACUTE, NONAC), else CHECKED_IN
 * finished                → DISCHARGED (the end of the visit or stay, as HL7 A03)
 * cancelled               → APPOINTMENT_CANCELLED
 * onleave, entered-in-error, unknown → refused: not an interaction
 * </pre>
 *
 * interactionId = {@code fhir:Encounter/<id>/<status>}: each status change is one interaction, and the same status
 * sent again is the same interaction.
 */
public final class EncounterMapper {

    private static final Set<String> INPATIENT = Set.of("IMP", "ACUTE", "NONAC");

    private EncounterMapper() {
    }

    public static PatientInteraction map(JsonNode encounter, String fallbackPatientId, String source) {
        if (!"Encounter".equals(encounter.path("resourceType").asText())) {
            throw new InvalidEncounter("resourceType", "must be Encounter");
        }
        String id = required(encounter, "id");
        String status = required(encounter, "status");
        String encounterClass = blankToNull(encounter.path("class").path("code").asText(null));
        InteractionType type = switch (status) {
            case "planned" -> InteractionType.APPOINTMENT_BOOKED;
            case "arrived", "triaged" -> InteractionType.CHECKED_IN;
            case "in-progress" -> INPATIENT.contains(encounterClass) ? InteractionType.ADMITTED : InteractionType.CHECKED_IN;
            case "finished" -> InteractionType.DISCHARGED;
            case "cancelled" -> InteractionType.APPOINTMENT_CANCELLED;
            default -> throw new InvalidEncounter("status", "'" + status + "' is not an interaction; accepted: planned, "
                    + "arrived, triaged, in-progress, finished, cancelled");
        };
        String patientId = patientOf(encounter.path("subject").path("reference").asText(null), fallbackPatientId);
        JsonNode period = encounter.path("period");
        Instant occurredAt = switch (type) {
            case CHECKED_IN, ADMITTED -> time(period, "start", "period.start");
            case DISCHARGED -> time(period, "end", "period.end");
            default -> null;
        };
        if (occurredAt == null) {
            occurredAt = time(encounter.path("meta"), "lastUpdated", "meta.lastUpdated");
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("encounterStatus", status);
        putIfPresent(attributes, "encounterClass", encounterClass);
        putIfPresent(attributes, "encounterType", firstCode(encounter.path("type").path(0)));
        putIfPresent(attributes, "serviceType", firstCode(encounter.path("serviceType")));
        putIfPresent(attributes, "priority", firstCode(encounter.path("priority")));
        putIfPresent(attributes, "dischargeDisposition", firstCode(encounter.path("hospitalization").path("dischargeDisposition")));
        putIfPresent(attributes, "admitSource", firstCode(encounter.path("hospitalization").path("admitSource")));
        if (type == InteractionType.APPOINTMENT_BOOKED) {
            putIfPresent(attributes, "scheduledStart", blankToNull(period.path("start").asText(null)));
        }
        return PatientInteraction.newBuilder()
                .setInteractionId("fhir:Encounter/" + id + "/" + status)
                .setPatientId(patientId)
                .setType(type)
                .setOccurredAt(occurredAt == null ? Instant.now() : occurredAt)
                .setSource(source)
                .setFacility(blankToNull(encounter.path("serviceProvider").path("display").asText(null)))
                .setDepartment(blankToNull(encounter.path("location").path(0).path("location").path("display").asText(null)))
                .setEncounterId(id)
                .setAttributes(attributes)
                .build();
    }

    /** {@code Patient/123}, {@code https://ehr.example/fhir/Patient/123} or, inside a bundle, {@code urn:uuid:123}. */
    private static String patientOf(String reference, String fallback) {
        String ref = blankToNull(reference);
        if (ref == null) {
            if (fallback == null || fallback.isBlank()) {
                throw new InvalidEncounter("subject.reference", "is required: the Patient the encounter is of");
            }
            return fallback;
        }
        if (ref.startsWith("urn:uuid:")) {
            return ref.substring("urn:uuid:".length());
        }
        int at = ref.lastIndexOf("Patient/");
        String id = at < 0 ? "" : ref.substring(at + "Patient/".length());
        int history = id.indexOf("/_history");
        id = history < 0 ? id : id.substring(0, history);
        if (id.isBlank() || id.contains("/")) {
            throw new InvalidEncounter("subject.reference", "must reference a Patient (Patient/<id>)");
        }
        return id;
    }

    private static Instant time(JsonNode parent, String member, String field) {
        String text = blankToNull(parent.path(member).asText(null));
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new InvalidEncounter(field, "must be a FHIR dateTime with an offset or a date");
            }
        }
    }

    private static String firstCode(JsonNode codeableConcept) {
        return blankToNull(codeableConcept.path("coding").path(0).path("code").asText(null));
    }

    private static String required(JsonNode node, String member) {
        String value = blankToNull(node.path(member).asText(null));
        if (value == null) {
            throw new InvalidEncounter(member, "is required");
        }
        return value;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

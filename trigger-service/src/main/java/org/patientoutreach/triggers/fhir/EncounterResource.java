package org.patientoutreach.triggers.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.intake.InteractionPublisher;

/**
 * FHIR R4 Encounters over REST, for EHRs that push resources rather than publish to Kafka. Each accepted Encounter
 * is on ehr.patient-interactions before the 202 returns; a bad one is refused whole with 400 naming its FHIR path,
 * so the sender still holds it (nothing is dead-lettered here).
 */
@Path("/api/fhir")
@Tag(name = "FHIR intake", description = "FHIR R4 Encounter resources as patient interactions")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
public class EncounterResource {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InteractionPublisher publisher;

    public EncounterResource(InteractionPublisher publisher) {
        this.publisher = publisher;
    }

    /** What became of each Encounter: its interaction id and type. */
    public record Accepted(int encounters, int ignored, List<AcceptedInteraction> interactions) {
    }

    public record AcceptedInteraction(String encounterId, String interactionId, String type) {
    }

    @POST
    @Path("Encounter")
    @Blocking
    @Consumes({ FHIR_JSON, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in one FHIR R4 Encounter",
            description = "Its status becomes an interaction (see the README's mapping) on ehr.patient-interactions.")
    @APIResponse(responseCode = "202", description = "On ehr.patient-interactions")
    @APIResponse(responseCode = "400", description = "Not an Encounter we can map; errors[].field names the FHIR path")
    public Response encounter(String body) {
        PatientInteraction interaction = map(read(body), "");
        publisher.publish(interaction);
        return Response.accepted(new Accepted(1, 0, List.of(view(interaction)))).build();
    }

    @POST
    @Blocking
    @Consumes({ FHIR_JSON, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in the Encounters of a FHIR R4 Bundle (transaction, batch or collection)",
            description = "Other resource types in the bundle are ignored. All Encounters are checked before any is "
                    + "published: one bad entry refuses the bundle.")
    @APIResponse(responseCode = "202", description = "Every Encounter is on ehr.patient-interactions")
    @APIResponse(responseCode = "400", description = "errors[].field names the entry, e.g. entry[3].resource.status")
    public Response bundle(String body) {
        JsonNode bundle = read(body);
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            throw ProblemException.badField("resourceType", "must be Bundle (POST one Encounter to /api/fhir/Encounter)");
        }
        JsonNode entries = bundle.path("entry");
        List<PatientInteraction> interactions = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            if ("Encounter".equals(resource.path("resourceType").asText())) {
                interactions.add(map(resource, "entry[" + i + "].resource."));
            } else {
                ignored++;
            }
        }
        interactions.forEach(publisher::publish);
        return Response.accepted(new Accepted(interactions.size(), ignored,
                interactions.stream().map(EncounterResource::view).toList())).build();
    }

    private static PatientInteraction map(JsonNode encounter, String path) {
        try {
            return EncounterMapper.map(encounter, null, "fhir-rest");
        } catch (InvalidEncounter e) {
            throw ProblemException.badField(path + e.field(), e.getMessage().substring(e.field().length() + 2));
        }
    }

    private static JsonNode read(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw ProblemException.badField("resourceType", "the body must be a FHIR JSON resource");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProblemException.badField("body", "is not JSON");
        }
    }

    private static AcceptedInteraction view(PatientInteraction i) {
        return new AcceptedInteraction(i.getEncounterId(), i.getInteractionId(), i.getType().name());
    }
}

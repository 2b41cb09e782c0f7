package org.patientoutreach.triggers.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.patientoutreach.triggers.TriggerApi.asMarketer;
import static org.patientoutreach.triggers.TriggerApi.create;
import static org.patientoutreach.triggers.TriggerApi.deactivate;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.TriggerCatalogEntry;
import org.patientoutreach.testing.KafkaTestClient;

/** Every lifecycle change of a trigger puts its status on triggers.catalog, keyed by triggerId; a start republishes. */
@QuarkusTest
class TriggerCatalogTest {

    private static final String TOPIC = "triggers.catalog";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    TriggerCatalog catalog;

    private static TriggerCatalogEntry await(KafkaTestClient.Subscription topic, String triggerId, String status) {
        return topic.awaitValue(triggerId, TriggerCatalogEntry.class, e -> e.getTriggerId().equals(triggerId) && e.getStatus().name().equals(status),
                WAIT);
    }

    @Test
    void draftActiveInactiveAndActiveAgainEachPutTheTriggerOnTheCatalog() {
        String name = "catalog " + UUID.randomUUID();
        try (var topic = kafka.subscribe(TOPIC)) {
            String id = create(Map.of("name", name, "interactionType", "CHECKED_IN", "status", "DRAFT"));
            TriggerCatalogEntry draft = await(topic, id, "DRAFT");
            assertEquals(name, draft.getName());

            asMarketer().when().post("/api/triggers/{id}/activate", id).then().statusCode(200);
            TriggerCatalogEntry active = await(topic, id, "ACTIVE");
            deactivate(id);
            TriggerCatalogEntry inactive = await(topic, id, "INACTIVE");
            asMarketer().when().post("/api/triggers/{id}/activate", id).then().statusCode(200);
            TriggerCatalogEntry again = topic.awaitValue(id, TriggerCatalogEntry.class, e -> e.getStatus().name()
                    .equals("ACTIVE") && e.getUpdatedAt().isAfter(active.getUpdatedAt()), WAIT);

            assertFalse(active.getUpdatedAt().isBefore(draft.getUpdatedAt()), "updatedAt never goes back");
            assertFalse(inactive.getUpdatedAt().isBefore(active.getUpdatedAt()), "updatedAt never goes back");
            assertFalse(again.getUpdatedAt().isBefore(inactive.getUpdatedAt()), "updatedAt never goes back");
        }
    }

    @Test
    void aStartRepublishesTheCurrentStatusOfTriggersDefinedBefore() {
        String id = create("CHECKED_IN", "Cardiology", null);
        deactivate(id);

        try (var topic = kafka.subscribe(TOPIC)) {
            catalog.republishAll(null);
            await(topic, id, "INACTIVE");
        }
    }
}

package org.patientoutreach.emails.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.draftEmail;
import static org.patientoutreach.emails.TestData.withFooter;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EmailCatalogEntry;
import org.patientoutreach.testing.KafkaTestClient;

/** Writing an email and marking it ready put its status on emails.catalog, keyed by emailId; a start republishes. */
@QuarkusTest
class TemplateCatalogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    TemplateCatalog catalog;

    private static EmailCatalogEntry await(KafkaTestClient.Subscription topic, String emailId, String status) {
        return topic.awaitValue(emailId, EmailCatalogEntry.class, e -> e.getEmailId().equals(emailId) && e.getStatus().name().equals(status),
                WAIT);
    }

    @Test
    void aNewEmailIsOnTheCatalogAsDraftAndMarkingItReadyPublishesReady() {
        try (var topic = kafka.subscribe(TemplateCatalog.TOPIC)) {
            String id = draftEmail("Hi", withFooter("<p>Hi</p>", true), null);
            EmailCatalogEntry draft = await(topic, id, "DRAFT");
            String name = asMarketer().get("/api/emails/{id}", id).then().statusCode(200).extract().path("name");
            assertEquals(name, draft.getName());

            asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(200);
            EmailCatalogEntry ready = await(topic, id, "READY");
            assertFalse(ready.getUpdatedAt().isBefore(draft.getUpdatedAt()), "updatedAt never goes back");
        }
    }

    @Test
    void aStartRepublishesTheCurrentStatusOfEmailsWrittenBefore() {
        String id = draftEmail("Hi", withFooter("<p>Hi</p>", true), null);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(200);

        try (var topic = kafka.subscribe(TemplateCatalog.TOPIC)) {
            catalog.republishAll(null);
            await(topic, id, "READY");
        }
    }
}

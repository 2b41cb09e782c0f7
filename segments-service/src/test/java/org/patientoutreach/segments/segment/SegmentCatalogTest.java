package org.patientoutreach.segments.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.SegmentCatalogEntry;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;

/** Every lifecycle change of a segment puts its status on segments.catalog, keyed by segmentId; a start republishes. */
@QuarkusTest
class SegmentCatalogTest {

    private static final String MARKETER = DevTokens.forRole("marketer");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    SegmentCatalog catalog;

    private static String createSegment(String name) {
        return given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"name":"%s","definition":{"rule":
                  {"type":"hasFact","kind":"CONDITION","system":"http://snomed.info/sct","codes":["catalog-%s"]}}}"""
                .formatted(name, name))
                .when().post("/api/segments")
                .then().statusCode(201).extract().path("id");
    }

    private static void post(String segmentId, String action) {
        given().auth().oauth2(MARKETER).when().post("/api/segments/{id}/" + action, segmentId).then().statusCode(200);
    }

    private static SegmentCatalogEntry await(KafkaTestClient.Subscription topic, String segmentId, String status) {
        return topic.awaitValue(segmentId, SegmentCatalogEntry.class, e -> e.getSegmentId().equals(segmentId) && e.getStatus().name().equals(status),
                WAIT);
    }

    @Test
    void draft_live_paused_and_archived_each_put_the_segment_on_the_catalog_in_order() {
        String name = "catalog " + UUID.randomUUID();
        try (var topic = kafka.subscribe(SegmentCatalog.TOPIC)) {
            String segmentId = createSegment(name);
            SegmentCatalogEntry draft = await(topic, segmentId, "DRAFT");
            assertEquals(name, draft.getName());

            post(segmentId, "activate");
            SegmentCatalogEntry live = await(topic, segmentId, "LIVE");
            post(segmentId, "pause");
            SegmentCatalogEntry paused = await(topic, segmentId, "PAUSED");
            post(segmentId, "archive");
            SegmentCatalogEntry archived = await(topic, segmentId, "ARCHIVED");

            assertFalse(live.getUpdatedAt().isBefore(draft.getUpdatedAt()), "updatedAt never goes back");
            assertFalse(paused.getUpdatedAt().isBefore(live.getUpdatedAt()), "updatedAt never goes back");
            assertFalse(archived.getUpdatedAt().isBefore(paused.getUpdatedAt()), "updatedAt never goes back");
        }
    }

    @Test
    void a_start_republishes_the_current_status_of_segments_made_before() {
        String segmentId = createSegment("before " + UUID.randomUUID());
        post(segmentId, "activate");
        given().auth().oauth2(MARKETER).when().get("/api/segments/{id}", segmentId).then().statusCode(200)
                .body("status", equalTo("LIVE"));

        try (var topic = kafka.subscribe(SegmentCatalog.TOPIC)) {
            catalog.republishAll(null);
            await(topic, segmentId, "LIVE");
        }
    }
}

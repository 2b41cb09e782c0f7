package org.patientoutreach.segments.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.segments.Bundles;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class SegmentLifecycleTest {

    private static final String MARKETER = DevTokens.forRole("marketer");
    private static final String INTEGRATION = DevTokens.forRole("integration");

    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static void load(String bundle) {
        given().auth().oauth2(INTEGRATION).contentType("application/fhir+json").body(bundle)
                .when().post("/api/fhir/bundles")
                .then().log().ifValidationFails().statusCode(200);
    }

    private static String createSegment(String code) {
        return given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"name":"Hypermetropia %s","definition":{"rule":
                  {"type":"hasFact","kind":"CONDITION","system":"http://snomed.info/sct","codes":["%s"]}}}""".formatted(code, code))
                .when().post("/api/segments")
                .then().statusCode(201).body("status", equalTo("DRAFT"))
                .extract().path("id");
    }

    @Test
    void going_live_publishes_entered_for_living_patients_with_an_active_condition_and_nobody_else() {
        String code = "lab-" + id(); // a code no other test uses, so the population is exactly this test's
        String elizabeth = id();
        String resolved = id();
        String deceased = id();
        String healthy = id();
        load(Bundles.bundle(
                Bundles.patient(elizabeth, "Elizabeth", "Moore", elizabeth + "@example.org", false),
                Bundles.condition(id(), elizabeth, code, "active"),
                Bundles.patient(resolved, "Rob", "Hale", resolved + "@example.org", false),
                Bundles.condition(id(), resolved, code, "resolved"),
                Bundles.patient(deceased, "Ada", "Stone", deceased + "@example.org", true),
                Bundles.condition(id(), deceased, code, "active"),
                Bundles.patient(healthy, "Tom", "Field", healthy + "@example.org", false)));
        String segmentId = createSegment(code);

        given().auth().oauth2(MARKETER).when().get("/api/segments/{id}/preview", segmentId).then().statusCode(200).body("size", equalTo(1));

        try (var membership = kafka.subscribe("segments.membership-changed")) {
            given().auth().oauth2(MARKETER).when().post("/api/segments/{id}/activate", segmentId)
                    .then().statusCode(200).body("members", equalTo(1)).body("entered", equalTo(1));
            var record = membership.await(r -> segmentId.equals(((SegmentMembershipChanged) r.value()).getSegmentId()),
                    Duration.ofSeconds(15));
            SegmentMembershipChanged event = (SegmentMembershipChanged) record.value();
            assertEquals(elizabeth, event.getPatientId());
            assertEquals(elizabeth, record.key());
            assertEquals(MembershipChange.ENTERED, event.getChange());
            List<ConsumerRecord<String, Object>> all = membership.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> segmentId.equals(((SegmentMembershipChanged) r.value()).getSegmentId())).toList();
            assertEquals(1, all.size(), "only Elizabeth enters");
        }
        given().auth().oauth2(MARKETER).when().get("/api/segments/{id}/members", segmentId)
                .then().statusCode(200).body("total", equalTo(1)).body("items.patientId", contains(elizabeth));
    }

    @Test
    void membership_follows_the_data_of_a_live_segment() {
        String code = "lab-" + id();
        String first = id();
        String second = id();
        String firstCondition = id();
        load(Bundles.bundle(Bundles.patient(first, "Elizabeth", "Moore", first + "@example.org", false),
                Bundles.condition(firstCondition, first, code, "active"),
                Bundles.patient(second, "June", "Park", second + "@example.org", false)));
        String segmentId = createSegment(code);
        given().auth().oauth2(MARKETER).when().post("/api/segments/{id}/activate", segmentId).then().statusCode(200);

        try (var membership = kafka.subscribe("segments.membership-changed")) {
            // The second patient is diagnosed; the first one's condition resolves.
            load(Bundles.bundle(Bundles.condition(id(), second, code, "active"),
                    Bundles.condition(firstCondition, first, code, "resolved")));
            // Match on patient and change: the activation's own ENTERED may still be in flight when we subscribe.
            var entered = membership.await(r -> r.value() instanceof SegmentMembershipChanged e
                    && e.getSegmentId().equals(segmentId) && e.getChange() == MembershipChange.ENTERED
                    && e.getPatientId().equals(second), Duration.ofSeconds(15));
            var exited = membership.await(r -> r.value() instanceof SegmentMembershipChanged e
                    && e.getSegmentId().equals(segmentId) && e.getChange() == MembershipChange.EXITED
                    && e.getPatientId().equals(first), Duration.ofSeconds(15));
            assertEquals(second, entered.key());
            assertEquals(first, exited.key());
            long exitsOfSecond = membership.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> r.value() instanceof SegmentMembershipChanged e && e.getSegmentId().equals(segmentId)
                            && e.getChange() == MembershipChange.EXITED && e.getPatientId().equals(second))
                    .count();
            assertEquals(0, exitsOfSecond, "the newly diagnosed patient stays in");
        }
        given().auth().oauth2(MARKETER).when().get("/api/segments/{id}/members", segmentId)
                .then().statusCode(200).body("items.patientId", contains(second));
    }

    @Test
    void editing_with_a_stale_version_is_a_conflict() {
        String segmentId = createSegment("stale-" + id());
        String body = """
                {"name":"renamed","definition":{"rule":{"type":"hasFact","kind":"CONDITION","system":"http://snomed.info/sct","codes":["x"]}},"version":%d}""";
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body(body.formatted(0)).when().put("/api/segments/{id}", segmentId)
                .then().statusCode(200).body("version", equalTo(1)).body("name", equalTo("renamed"));
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body(body.formatted(0)).when().put("/api/segments/{id}", segmentId)
                .then().statusCode(409).contentType("application/problem+json");
    }
}

package org.patientoutreach.emails.suppression;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SuppressionResourceTest {

    @Test
    void suppressesListsAndLiftsASuppression() {
        String patientId = uniqueId();
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", patientId, "reason", "UNSUBSCRIBED"))
                .post("/api/suppressions").then().statusCode(201)
                .header("Location", endsWith("/api/suppressions/" + patientId))
                .body("patientId", equalTo(patientId))
                .body("reason", equalTo("UNSUBSCRIBED"));

        asMarketer().get("/api/suppressions/{id}", patientId).then().statusCode(200).body("reason", equalTo("UNSUBSCRIBED"));
        asMarketer().queryParam("size", 200).get("/api/suppressions").then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(200))
                .body("total", greaterThanOrEqualTo(1))
                .body("items.patientId", hasItem(patientId));

        asMarketer().delete("/api/suppressions/{id}", patientId).then().statusCode(204);
        asMarketer().get("/api/suppressions/{id}", patientId).then().statusCode(404)
                .contentType("application/problem+json");
        asMarketer().delete("/api/suppressions/{id}", patientId).then().statusCode(404);
    }

    @Test
    void suppressingTwiceIsAConflict() {
        var body = Map.of("patientId", uniqueId(), "reason", "BOUNCED");
        asMarketer().contentType(ContentType.JSON).body(body).post("/api/suppressions").then().statusCode(201);
        asMarketer().contentType(ContentType.JSON).body(body).post("/api/suppressions").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsAnUnknownReasonNamingTheField() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", uniqueId(), "reason", "BORED"))
                .post("/api/suppressions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
    }

    @Test
    void rejectsAMissingPatientIdNamingTheField() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("reason", "UNSUBSCRIBED"))
                .post("/api/suppressions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("patientId"));
    }
}

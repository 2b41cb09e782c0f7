package org.patientoutreach.emails.template;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.draftEmail;
import static org.patientoutreach.emails.TestData.uniqueAddress;
import static org.patientoutreach.emails.TestData.uniqueFirstName;
import static org.patientoutreach.emails.TestData.uniqueId;
import static org.patientoutreach.emails.TestData.withFooter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.testing.GreenMailClient;

@QuarkusTest
class TemplateResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createsADraftAndReturnsItsLocation() {
        String location = asMarketer().contentType(ContentType.JSON)
                .body(Map.of("name", "Eye care", "subject", "Hello {{patient.firstName}}",
                        "htmlBody", "<p>Hello {{patient.firstName}}</p>"))
                .post("/api/emails").then().statusCode(201)
                .body("id", notNullValue())
                .body("name", equalTo("Eye care"))
                .body("textBody", nullValue())
                .body("commercial", equalTo(false))
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().header("Location");

        asMarketer().get(location).then().statusCode(200)
                .body("subject", equalTo("Hello {{patient.firstName}}"))
                .body("htmlBody", equalTo("<p>Hello {{patient.firstName}}</p>"));
    }

    @Test
    void listsEmailsPageByPage() {
        draftEmail("a", "<p>a</p>", null);
        draftEmail("b", "<p>b</p>", null);
        asMarketer().queryParam("page", 1).queryParam("size", 1).get("/api/emails").then().statusCode(200)
                .body("items", hasSize(1))
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                .body("total", greaterThanOrEqualTo(2));
    }

    @Test
    void rejectsAPageSizeAboveTheMaximumNamingTheParameter() {
        asMarketer().queryParam("size", 201).get("/api/emails").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void aDraftMayHoldAnUnknownTokenButReadyRefusesItNamingTheField() {
        String id = draftEmail("Hi", withFooter("<p>{{patient.birthDate}}</p>", true), null);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("htmlBody"))
                .body("errors[0].message", containsString("{{patient.birthDate}}"));
        asMarketer().get("/api/emails/{id}", id).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void readyRefusesAFooterWithoutUnsubscribeLinkInEitherBody() {
        String id = draftEmail("Hi", "<p>Hi</p><p>{{sender.postalAddress}}</p>", "Hi\n{{sender.postalAddress}}");
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("htmlBody", "textBody"))
                .body("errors[0].message", containsString("{{unsubscribeUrl}}"));
    }

    @Test
    void readyRefusesAnEmailWithoutTheSendersPostalAddress() {
        Map<String, Object> body = TestData.emailBody("Hi", withFooter("<p>Hi</p>", true), null, true);
        body.remove("senderPostalAddress");
        String id = asMarketer().contentType(ContentType.JSON).body(body).post("/api/emails").then().statusCode(201)
                .extract().path("id");
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("senderPostalAddress"));
    }

    @Test
    void readyRefusesAFooterThatDoesNotShowThePostalAddress() {
        String id = draftEmail("Hi", "<p>Hi</p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>", null);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("htmlBody"))
                .body("errors[0].message", containsString("postal address"));
    }

    @Test
    void readyRefusesALinkAddressCarryingThePatientsNameHoweverItIsQuoted() {
        String id = draftEmail("Hi", withFooter("""
                <p>Hello {{patient.firstName}}, <a href="https://clinic.example/book?name={{ patient.lastName }}">book
                </a></p>""", true), null);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("htmlBody"))
                .body("errors[0].message", containsString("link address"));
        // in single quotes, with a fallback in single quotes: the link is read as sending tracks it
        String quoted = draftEmail("Hi", withFooter("""
                <p><a href='https://clinic.example/book?n={{patient.firstName ?: 'there'}}'>book</a></p>""", true),
                null);
        asMarketer().post("/api/emails/{id}/ready", quoted).then().statusCode(409)
                .body("errors[0].message", containsString("link address"));
        // the name in the text, the link without it: fine
        String fine = draftEmail("Hi", withFooter("""
                <p>{{patient.firstName}}, <a href="https://clinic.example/book">book</a></p>""", true), null);
        asMarketer().post("/api/emails/{id}/ready", fine).then().statusCode(200);
    }

    @Test
    void aPostalAddressWrittenOutInTheFooterCounts() {
        String id = draftEmail("Hi", "<p>Hi</p><p>" + TestData.POSTAL_ADDRESS
                + "</p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>", null);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(200).body("status", equalTo("READY"));
    }

    @Test
    void anEditThatWouldMakeAReadyEmailUnsendableIsRefused() {
        String id = TestData.readyEmail("Hi", "<p>Hi</p>", null);
        Map<String, Object> edit = new HashMap<>(TestData.emailBody("Hi", "<p>no footer</p>", null, false));
        edit.put("version", 1);
        asMarketer().contentType(ContentType.JSON).body(edit).put("/api/emails/{id}", id).then().statusCode(409)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("htmlBody"));
        asMarketer().get("/api/emails/{id}", id).then().body("htmlBody", containsString("unsubscribeUrl"));
    }

    @Test
    void rejectsATemplateThatDoesNotParseNamingTheField() {
        asMarketer().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "subject", "Hi", "htmlBody", "<p>{{#if patient.firstName}}unclosed</p>"))
                .post("/api/emails").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("htmlBody"));
    }

    @Test
    void rejectsAMissingNameNamingTheField() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("subject", "Hi", "htmlBody", "<p>x</p>"))
                .post("/api/emails").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void rejectsAWronglyTypedFieldNamingIt() {
        asMarketer().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "subject", "Hi", "htmlBody", "<p>x</p>", "commercial", List.of(1)))
                .post("/api/emails").then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("commercial"));
    }

    @Test
    void updatesWithTheCurrentVersionAndRefusesAStaleOne() {
        String id = draftEmail("Old subject", "<p>old</p>", null);
        Map<String, Object> edit = new HashMap<>(Map.of("name", "n", "subject", "New subject",
                "htmlBody", "<p>new</p>", "textBody", "new", "commercial", true, "version", 0));
        edit.put("senderPostalAddress", TestData.POSTAL_ADDRESS);
        asMarketer().contentType(ContentType.JSON).body(edit).put("/api/emails/{id}", id).then().statusCode(200)
                .body("subject", equalTo("New subject"))
                .body("commercial", equalTo(true))
                .body("version", equalTo(1));

        edit.put("subject", "Lost update");
        asMarketer().contentType(ContentType.JSON).body(edit).put("/api/emails/{id}", id).then().statusCode(409)
                .contentType(PROBLEM);
        asMarketer().get("/api/emails/{id}", id).then().body("subject", equalTo("New subject"));
    }

    @Test
    void rejectsAnUpdateWithoutVersionNamingTheField() {
        String id = draftEmail("s", "<p>x</p>", null);
        asMarketer().contentType(ContentType.JSON).body(Map.of("name", "n", "subject", "s", "htmlBody", "<p>x</p>"))
                .put("/api/emails/{id}", id).then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("version"));
    }

    @Test
    void marksAnEmailWithACompleteFooterReady() {
        String id = draftEmail("s", withFooter("<p>x</p>", true), withFooter("x", false));
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(200).body("status", equalTo("READY"));
        asMarketer().get("/api/emails/{id}", id).then().body("status", equalTo("READY"));
    }

    @Test
    void answersNotFoundForAnUnknownEmail() {
        asMarketer().get("/api/emails/{id}", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void previewsAnEmailAsThePatientWouldSeeIt() {
        String patientId = storedContact("<Liz>", "Moore", uniqueAddress());
        String id = draftEmail("Hello {{patient.firstName}}", "<p>Dear {{patient.firstName}} {{patient.lastName}}</p>",
                "Dear {{patient.firstName}}");
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", patientId))
                .post("/api/emails/{id}/preview", id).then().statusCode(200)
                .body("subject", equalTo("Hello <Liz>"))
                .body("htmlBody", equalTo("<p>Dear &lt;Liz&gt; Moore</p>"))
                .body("textBody", equalTo("Dear <Liz>"));
    }

    @Test
    void previewFallsBackWhereTheProfileHasNoName() {
        String patientId = storedContact(null, null, uniqueAddress());
        String id = draftEmail("Hello {{patient.firstName ?: 'there'}}", "<p>Dear {{patient.firstName.or('patient')}}</p>",
                null);
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", patientId))
                .post("/api/emails/{id}/preview", id).then().statusCode(200)
                .body("subject", equalTo("Hello there"))
                .body("htmlBody", equalTo("<p>Dear patient</p>"));
    }

    @Test
    void previewForAnUnknownPatientOrEmailIsNotFound() {
        String id = draftEmail("s", "<p>x</p>", null);
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", uniqueId()))
                .post("/api/emails/{id}/preview", id).then().statusCode(404).contentType(PROBLEM);
        String patientId = storedContact("Ann", "Lee", uniqueAddress());
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", patientId))
                .post("/api/emails/{id}/preview", UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void testSendsOneCopyMarkedAsTest() {
        String firstName = uniqueFirstName();
        String patientId = storedContact(firstName, "Moore", uniqueAddress());
        String id = draftEmail("Hello {{patient.firstName}}", "<p>Hello {{patient.firstName}}</p>", "Hello {{patient.firstName}}");
        String colleague = uniqueAddress();

        asMarketer().contentType(ContentType.JSON).body(Map.of("to", colleague, "patientId", patientId))
                .post("/api/emails/{id}/test-send", id).then().statusCode(202);

        List<GreenMailClient.Mail> inbox = new GreenMailClient().awaitInbox(colleague, 1, Duration.ofSeconds(30));
        assertEquals(1, inbox.size());
        assertEquals("[TEST] Hello " + firstName, inbox.get(0).subject());
        assertTrue(inbox.get(0).mimeMessage().contains("Hello " + firstName));
    }

    @Test
    void rejectsATestSendToAnInvalidAddressNamingTheField() {
        String id = draftEmail("s", "<p>x</p>", null);
        asMarketer().contentType(ContentType.JSON).body(Map.of("to", "not an address"))
                .post("/api/emails/{id}/test-send", id).then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("to"));
    }

    private static String storedContact(String givenName, String familyName, String email) {
        String patientId = uniqueId();
        QuarkusTransaction.requiringNew().run(() -> {
            PatientContact contact = new PatientContact();
            contact.patientId = patientId;
            contact.givenName = givenName;
            contact.familyName = familyName;
            contact.email = email;
            contact.profileUpdatedAt = Instant.now();
            contact.updatedAt = Instant.now();
            contact.persist();
        });
        return patientId;
    }
}

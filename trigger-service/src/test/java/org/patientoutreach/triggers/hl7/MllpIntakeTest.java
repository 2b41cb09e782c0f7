package org.patientoutreach.triggers.hl7;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.KafkaTestClient;
import org.patientoutreach.triggers.TriggerApi;
import org.patientoutreach.triggers.patient.PatientIdentifier;

/**
 * A real MLLP client (HAPI's, over TCP) sends real ADT messages to the listener; the patient is known only through
 * an identifier on patients.profiles, as segments-service publishes it.
 */
@QuarkusTest
class MllpIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = "ehr.patient-interactions.dlq";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static HapiContext hapi;

    @ConfigProperty(name = "triggers.mllp.port")
    int port;

    @BeforeAll
    static void connect() {
        hapi = new DefaultHapiContext();
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
    }

    @AfterAll
    static void disconnect() throws Exception {
        hapi.close();
    }

    /** A patient whose MRN is known under the hospital's OID, through patients.profiles. */
    private static String knownPatient(String mrn) {
        String patientId = "patient-" + UUID.randomUUID();
        kafka.send("patients.profiles", patientId, PatientProfile.newBuilder()
                .setPatientId(patientId)
                .setIdentifiers(List.of("https://github.com/synthetichealth/synthea|" + patientId,
                        "urn:oid:2.16.840.1.113883.19.5|" + mrn))
                .setUpdatedAt(Instant.now())
                .build());
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> PatientIdentifier.count("patientId", patientId) == 2));
        return patientId;
    }

    /** An ADT message as an interface engine sends it; PID-3 names the hospital as assigning authority. */
    private static String adt(String event, String mrn, String department, Map<Integer, String> pv1) {
        Map<Integer, String> fields = new LinkedHashMap<>();
        fields.put(1, "1");
        fields.put(2, "O");
        fields.put(3, department + "^101^1^MAIN STREET CLINIC");
        fields.put(19, "V" + UUID.randomUUID().toString().substring(0, 8));
        fields.putAll(pv1);
        StringBuilder pv1Segment = new StringBuilder("PV1");
        int last = fields.keySet().stream().max(Integer::compare).orElse(1);
        for (int i = 1; i <= last; i++) {
            pv1Segment.append('|').append(fields.getOrDefault(i, ""));
        }
        String structure = event.equals("A03") ? "ADT_A03" : "ADT_A01";
        return "MSH|^~\\&|EPIC|MAINHOSP|OUTREACH|OUTREACH|20261127093000||ADT^" + event + "^" + structure + "|"
                + UUID.randomUUID() + "|P|2.5.1\r"
                + "EVN|" + event + "|20261127093000||||20261127092500-0500\r"
                + "PID|1||" + mrn + "^^^MAINHOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800101|F\r"
                + pv1Segment + "\r";
    }

    private Message send(String er7) throws Exception {
        Message message = hapi.getPipeParser().parse(er7);
        Connection connection = hapi.newClient("127.0.0.1", port, false);
        try {
            return connection.getInitiator().sendAndReceive(message);
        } finally {
            connection.close();
        }
    }

    private static String ackCode(Message ack) throws Exception {
        return new Terser(ack).get("/MSA-1");
    }

    private static String controlIdOf(String er7) {
        return er7.split("\r")[0].split("\\|")[9];
    }

    @Test
    void eachSupportedAdtEventIsAcknowledgedAndFiresAsItsInteractionType() throws Exception {
        String department = "DEPT-" + UUID.randomUUID();
        String trigger = TriggerApi.create(Map.of("name", "any ADT", "interactionTypes", List.of("CHECKED_IN",
                "ADMITTED", "DISCHARGED", "PRE_ADMITTED", "PATIENT_UPDATED", "ADMISSION_CANCELLED",
                "DISCHARGE_CANCELLED"), "conditions", Map.of("department", department)));
        String mrn = "MRN-" + UUID.randomUUID();
        String patientId = knownPatient(mrn);
        Map<String, String> expected = Map.of("A04", "CHECKED_IN", "A01", "ADMITTED", "A03", "DISCHARGED",
                "A05", "PRE_ADMITTED", "A08", "PATIENT_UPDATED", "A11", "ADMISSION_CANCELLED", "A13", "DISCHARGE_CANCELLED");

        try (var fired = kafka.subscribe("triggers.fired")) {
            for (Map.Entry<String, String> event : expected.entrySet()) {
                String er7 = adt(event.getKey(), mrn, department, Map.of(36, "01"));
                Message ack = send(er7);
                assertEquals("AA", ackCode(ack), event.getKey());
                assertEquals(controlIdOf(er7), new Terser(ack).get("/MSA-2"));
                ConsumerRecord<String, Object> record = fired.await(r -> r.value() instanceof TriggerFired f
                        && f.getTriggerId().equals(trigger) && f.getInteractionId().endsWith("|" + controlIdOf(er7)), WAIT);
                TriggerFired firing = (TriggerFired) record.value();
                assertEquals(patientId, firing.getPatientId());
                assertEquals(event.getValue(), firing.getInteractionType(), event.getKey());
                assertEquals(event.getKey(), firing.getAttributes().get("hl7Event"));
                assertEquals("MAIN STREET CLINIC", firing.getAttributes().get("facility"));
                assertEquals("AMB", firing.getAttributes().get("encounterClass"));
                assertEquals("01", firing.getAttributes().get("dischargeDisposition"));
                assertEquals(Instant.parse("2026-11-27T14:25:00Z"), firing.getOccurredAt(), "EVN-6 with its offset");
            }
        }
    }

    @Test
    void aResentMessageIsAcknowledgedAgainAndFiresOnce() throws Exception {
        String department = "DEPT-" + UUID.randomUUID();
        String trigger = TriggerApi.create("CHECKED_IN", department, null);
        String mrn = "MRN-" + UUID.randomUUID();
        knownPatient(mrn);
        String er7 = adt("A04", mrn, department, Map.of());
        String later = adt("A04", mrn, department, Map.of());

        try (var fired = kafka.subscribe("triggers.fired")) {
            assertEquals("AA", ackCode(send(er7)));
            assertEquals("AA", ackCode(send(er7)));
            assertEquals("AA", ackCode(send(later)));
            fired.await(r -> r.value() instanceof TriggerFired f && f.getInteractionId().endsWith(controlIdOf(later)), WAIT);
            long firings = fired.drain(Duration.ZERO).stream().filter(r -> r.value() instanceof TriggerFired f
                    && f.getTriggerId().equals(trigger) && f.getInteractionId().endsWith(controlIdOf(er7))).count();
            assertEquals(1, firings);
        }
    }

    @Test
    void anUnknownPatientIsAnsweredAeAndKeptOnTheDeadLetterTopic() throws Exception {
        String er7 = adt("A04", "MRN-NOBODY-" + UUID.randomUUID(), "Cardiology", Map.of());
        try (var dlq = kafka.subscribe(DLQ)) {
            Message ack = send(er7);
            assertEquals("AE", ackCode(ack));
            ConsumerRecord<String, Object> dead = dlq.await(r -> controlIdOf(er7).equals(r.key()), WAIT);
            assertTrue(reasonOf(dead).startsWith("unknown patient"), reasonOf(dead));
            assertTrue(new String((byte[]) dead.value(), StandardCharsets.UTF_8).contains(controlIdOf(er7)),
                    "the message is kept as received");
        }
    }

    @Test
    void anMrnOfAnotherAssigningAuthorityDoesNotFindThePatient() throws Exception {
        String mrn = "MRN-" + UUID.randomUUID();
        knownPatient(mrn);
        String otherHospital = adt("A04", mrn, "Cardiology", Map.of())
                .replace("MAINHOSP&2.16.840.1.113883.19.5&ISO", "OTHERHOSP&1.2.3.4&ISO");
        assertEquals("AE", ackCode(send(otherHospital)));
    }

    @Test
    void anUnsupportedEventIsRejectedWithArAndKeptOnTheDeadLetterTopic() throws Exception {
        String mrn = "MRN-" + UUID.randomUUID();
        knownPatient(mrn);
        String transfer = adt("A02", mrn, "Cardiology", Map.of()).replace("ADT_A01", "ADT_A02");
        try (var dlq = kafka.subscribe(DLQ)) {
            assertEquals("AR", ackCode(send(transfer)));
            ConsumerRecord<String, Object> dead = dlq.await(r -> controlIdOf(transfer).equals(r.key()), WAIT);
            assertTrue(reasonOf(dead).contains("unsupported message type ADT^A02"), reasonOf(dead));
        }
    }

    @Test
    void anUnparseableMessageGetsANakAndIsKeptOnTheDeadLetterTopic() throws Exception {
        String garbage = "MSH|^~\\&|EPIC|MAINHOSP|OUTREACH|OUTREACH|20261127093000||ADT^A04|CTRL-"
                + UUID.randomUUID() + "|P|9.9.9\rPID|this is not|valid";
        try (var dlq = kafka.subscribe(DLQ)) {
            String ack = sendRaw(garbage);
            assertTrue(ack.contains("MSA|AR") || ack.contains("MSA|AE"), "a NAK");
            ConsumerRecord<String, Object> dead = dlq.await(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8)
                    .equals(garbage), WAIT);
            assertTrue(reasonOf(dead).startsWith("unparseable HL7 v2 message"), reasonOf(dead));
        }
    }

    /** MLLP framing by hand: 0x0B, the message, 0x1C 0x0D; reads the reply frame. */
    private String sendRaw(String er7) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(0x0b);
            out.write(er7.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] { 0x1c, 0x0d });
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0x1c) {
                if (b != 0x0b) {
                    reply.write(b);
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private static String reasonOf(ConsumerRecord<String, Object> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }
}

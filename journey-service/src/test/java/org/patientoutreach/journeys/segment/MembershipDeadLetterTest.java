package org.patientoutreach.journeys.segment;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.MEMBERSHIP;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.membership;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class MembershipDeadLetterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DLQ = MEMBERSHIP + ".dlq";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void poisonRecordLandsInDlqAndTheNextRecordIsStillProcessed() {
        UUID segmentId = UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(segmentEntry(segmentId), UUID.randomUUID()));

        try (var dlq = kafka.subscribe(DLQ); var requests = kafka.subscribe(REQUESTS)) {
            kafka.sendPoison(MEMBERSHIP, poisonKey, "not avro".getBytes(StandardCharsets.UTF_8));
            kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));

            ConsumerRecord<String, Object> dead = dlq.await(r -> poisonKey.equals(r.key()), TIMEOUT);
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"), "the reason travels in a header");
            requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
        }
    }

    @Test
    void recordWithAnInvalidSegmentIdLandsInDlqWithTheFieldAsReason() {
        String patientId = patientId();
        SegmentMembershipChanged invalid = SegmentMembershipChanged.newBuilder(
                membership(UUID.randomUUID(), patientId, MembershipChange.ENTERED)).setSegmentId("segment-7").build();

        try (var dlq = kafka.subscribe(DLQ)) {
            kafka.send(MEMBERSHIP, patientId, invalid);

            ConsumerRecord<String, Object> dead = dlq.await(r -> patientId.equals(r.key()), TIMEOUT);
            Header reason = dead.headers().lastHeader("dead-letter-reason");
            assertNotNull(reason);
            assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("segmentId is not a UUID"));
        }
    }
}

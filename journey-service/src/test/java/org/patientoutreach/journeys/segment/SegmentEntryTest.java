package org.patientoutreach.journeys.segment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.MEMBERSHIP;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.activate;
import static org.patientoutreach.journeys.Fixtures.create;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.instances;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.membership;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.journeys.instance.JourneyExecutor;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class SegmentEntryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    SegmentMembers members;

    @Test
    void enteringPatientOfLiveSegmentJourneyGetsEmailRequestWithDeterministicId() {
        UUID segmentId = UUID.randomUUID();
        UUID emailId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(segmentEntry(segmentId), emailId));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));

            ConsumerRecord<String, Object> record = requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
            EmailSendRequested request = (EmailSendRequested) record.value();
            List<Map<String, Object>> instances = instances(journeyId, patientId);
            assertEquals(1, instances.size());
            UUID instanceId = UUID.fromString((String) instances.get(0).get("id"));

            assertEquals(patientId, record.key());
            assertEquals(JourneyExecutor.requestId(instanceId, "n1").toString(), request.getRequestId());
            assertEquals(UUID.nameUUIDFromBytes((instanceId + ":n1").getBytes()).toString(), request.getRequestId());
            assertEquals(emailId.toString(), request.getEmailId());
            assertEquals(instanceId.toString(), request.getInstanceId());
            assertEquals("n1", request.getStepId());
            assertEquals(segmentId.toString(), request.getContext().get("segmentId"));
            assertFalse(request.getCommercial());
            assertEquals("COMPLETED", instances.get(0).get("status"));
            assertEquals("n2", instances.get(0).get("currentNodeId"));
        }
    }

    @Test
    void enteredEventDeliveredTwiceRequestsOneEmail() {
        UUID segmentId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(segmentEntry(segmentId), UUID.randomUUID()));
        SegmentMembershipChanged entered = membership(segmentId, patientId, MembershipChange.ENTERED);

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(MEMBERSHIP, patientId, entered);
            kafka.send(MEMBERSHIP, patientId, entered);

            requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
            long count = requests.drain(QUIET).stream().filter(r -> isRequest(r, journeyId, patientId)).count();
            assertEquals(1, count);
        }
        assertEquals(1, instances(journeyId, patientId).size());
    }

    @Test
    void reentryNeverStartsOneInstanceEvenWhenThePatientLeavesAndReenters() {
        UUID segmentId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(segmentEntry(segmentId), UUID.randomUUID()));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));
            kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.EXITED));
            kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));

            requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> isMember(segmentId, patientId));
            long count = requests.drain(QUIET).stream().filter(r -> isRequest(r, journeyId, patientId)).count();
            assertEquals(1, count);
        }
    }

    @Test
    void memberWhoEnteredBeforeGoLiveIsEnrolledOnActivation() {
        UUID segmentId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = create(sendAndExit(segmentEntry(segmentId), UUID.randomUUID()));

        kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));
        await().atMost(TIMEOUT).until(() -> isMember(segmentId, patientId));
        assertTrue(instances(journeyId, patientId).isEmpty(), "a DRAFT journey enrolls nobody");

        try (var requests = kafka.subscribe(REQUESTS)) {
            activate(journeyId);
            requests.await(r -> isRequest(r, journeyId, patientId), TIMEOUT);
        }
    }

    @Test
    void patientWhoExitedBeforeGoLiveIsNotEnrolled() {
        UUID segmentId = UUID.randomUUID();
        String stays = patientId();
        String leaves = patientId();
        UUID journeyId = create(sendAndExit(segmentEntry(segmentId), UUID.randomUUID()));

        kafka.send(MEMBERSHIP, leaves, membership(segmentId, leaves, MembershipChange.ENTERED));
        await().atMost(TIMEOUT).until(() -> isMember(segmentId, leaves));
        kafka.send(MEMBERSHIP, leaves, membership(segmentId, leaves, MembershipChange.EXITED));
        await().atMost(TIMEOUT).until(() -> !isMember(segmentId, leaves));
        kafka.send(MEMBERSHIP, stays, membership(segmentId, stays, MembershipChange.ENTERED));
        await().atMost(TIMEOUT).until(() -> isMember(segmentId, stays));

        try (var requests = kafka.subscribe(REQUESTS)) {
            activate(journeyId);
            requests.await(r -> isRequest(r, journeyId, stays), TIMEOUT);
            assertTrue(requests.drain(QUIET).stream().noneMatch(r -> isRequest(r, journeyId, leaves)));
        }
        assertTrue(instances(journeyId, leaves).isEmpty());
    }

    private boolean isMember(UUID segmentId, String patientId) {
        return QuarkusTransaction.requiringNew().call(() -> members.current(segmentId).stream()
                .anyMatch(m -> m.patientId().equals(patientId)));
    }
}

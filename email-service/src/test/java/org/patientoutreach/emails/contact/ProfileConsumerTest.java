package org.patientoutreach.emails.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.PROFILES;
import static org.patientoutreach.emails.TestData.awaitContact;
import static org.patientoutreach.emails.TestData.profile;
import static org.patientoutreach.emails.TestData.uniqueAddress;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class ProfileConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void storesAProfileAndReplacesItWithANewerOne() {
        String patientId = uniqueId();
        Instant t1 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        kafka.send(PROFILES, patientId, profile(patientId, "Elizabeth", uniqueAddress()).setUpdatedAt(t1).build());
        PatientContact first = awaitContact(patientId, c -> true, WAIT);
        assertEquals("Elizabeth", first.givenName);
        assertEquals("Moore", first.familyName);
        assertEquals("America/New_York", first.timezone);

        String newAddress = uniqueAddress();
        kafka.send(PROFILES, patientId, profile(patientId, "Liz", newAddress).setDeceased(true)
                .setUpdatedAt(t1.plusSeconds(60)).build());
        PatientContact updated = awaitContact(patientId, c -> "Liz".equals(c.givenName), WAIT);
        assertEquals(newAddress, updated.email);
        assertTrue(updated.deceased);
        assertEquals(t1.plusSeconds(60), updated.profileUpdatedAt);
    }

    @Test
    void ignoresAProfileOlderThanTheStoredOne() {
        String patientId = uniqueId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        kafka.send(PROFILES, patientId, profile(patientId, "Current", uniqueAddress()).setUpdatedAt(now).build());
        awaitContact(patientId, c -> true, WAIT);

        kafka.send(PROFILES, patientId, profile(patientId, "Stale", uniqueAddress()).setUpdatedAt(now.minusSeconds(60)).build());
        // A later record on the same partition is consumed after the stale one: once it is stored, the stale one was seen.
        String marker = patientOnSamePartitionAs(patientId);
        kafka.send(PROFILES, marker, profile(marker, "Marker", uniqueAddress()).build());
        awaitContact(marker, c -> true, WAIT);

        PatientContact contact = QuarkusTransaction.requiringNew().call(() -> PatientContact.findById(patientId));
        assertEquals("Current", contact.givenName);
        assertEquals(now, contact.profileUpdatedAt);
    }

    /** A patient id the producer's default partitioner puts on the same partition as {@code patientId}. */
    private static String patientOnSamePartitionAs(String patientId) {
        int partitions;
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                "bootstrap.servers", KafkaTestClient.BOOTSTRAP,
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            partitions = consumer.partitionsFor(PROFILES).size();
        }
        int target = partitionOf(patientId, partitions);
        while (true) {
            String candidate = UUID.randomUUID().toString();
            if (partitionOf(candidate, partitions) == target) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}

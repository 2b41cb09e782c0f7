package org.patientoutreach.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * How far the platform's consumer groups are behind the topics they read: a benchmark that wants a steady state waits
 * until the services have worked through what an earlier step (an import, a go-live) published.
 */
final class ConsumerLag {

    /** Lag that has not moved for this long is checked record by record (see {@link #readable}). */
    private static final Duration STILL = Duration.ofSeconds(10);

    private ConsumerLag() {
    }

    /** One group's position on one partition that is short of the partition's end offset. */
    record Behind(String group, TopicPartition partition, long committed, long end) {}

    /** Waits until no group of the platform's services lags behind, and returns how long that took in ms. */
    static long awaitCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
        long start = System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestClient.BOOTSTRAP))) {
            List<Behind> behind = behind(admin);
            List<Behind> previous = List.of();
            long stillSince = start;
            while (!behind.isEmpty()) {
                long now = System.currentTimeMillis();
                if (!behind.equals(previous)) {
                    stillSince = now;
                } else if (now - stillSince > STILL.toMillis() && readable(behind).isEmpty()) {
                    // The end offset is past the last record a consumer can read (an offset the broker used for
                    // something other than a record), so the group has in fact read everything.
                    System.out.println("consumer groups: no readable record after the committed offsets " + behind);
                    break;
                }
                if (now - start > timeout.toMillis()) {
                    throw new IllegalStateException("consumer groups still behind after " + timeout + ": "
                            + readable(behind));
                }
                Thread.sleep(1_000);
                previous = behind;
                behind = behind(admin);
            }
        }
        return System.currentTimeMillis() - start;
    }

    /** The services' groups that have not committed up to the end (the benchmark's own groups are left out). */
    private static List<Behind> behind(Admin admin) throws InterruptedException, ExecutionException {
        List<Behind> behind = new ArrayList<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            String id = group.groupId();
            // Module tests' groups (*-test) are idle leftovers on a developer machine, not the running services.
            if (id.endsWith("-test") || !(id.endsWith("-service") || id.contains("-service-"))) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            committed.forEach((tp, offset) -> {
                if (offset != null && ends.get(tp).offset() > offset.offset()) {
                    behind.add(new Behind(id, tp, offset.offset(), ends.get(tp).offset()));
                }
            });
        }
        return behind;
    }

    /** Of these, the ones that still have a record to read between their committed offset and the end. */
    private static List<Behind> readable(List<Behind> behind) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", KafkaTestClient.BOOTSTRAP);
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return behind.stream().filter(b -> {
                consumer.assign(List.of(b.partition()));
                consumer.seek(b.partition(), b.committed());
                long deadline = System.currentTimeMillis() + 3_000;
                while (System.currentTimeMillis() < deadline) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        return true;
                    }
                    if (consumer.position(b.partition()) >= b.end()) {
                        return false;
                    }
                }
                return true;
            }).toList();
        }
    }
}

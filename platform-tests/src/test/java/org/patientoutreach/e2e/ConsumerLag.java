package org.patientoutreach.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * How far the platform's consumer groups are behind the topics they read: a benchmark that wants a steady state waits
 * until the services have worked through what an earlier step (an import, a go-live) published.
 */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Waits until no group of the platform's services lags behind, and returns how long that took in ms. */
    static long awaitCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
        long start = System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestClient.BOOTSTRAP))) {
            long lag;
            while ((lag = total(admin)) > 0) {
                if (System.currentTimeMillis() - start > timeout.toMillis()) {
                    throw new IllegalStateException("consumer groups still " + lag + " records behind after " + timeout);
                }
                Thread.sleep(1_000);
            }
        }
        return System.currentTimeMillis() - start;
    }

    /** Records not yet consumed, summed over the services' groups (the benchmark's own groups are left out). */
    static long total(Admin admin) throws InterruptedException, ExecutionException {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            String id = group.groupId();
            // Module tests' groups (*-test) are idle leftovers on a developer machine, not the running services.
            if (id.endsWith("-test") || !(id.endsWith("-service") || id.contains("-service-"))) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            Map<TopicPartition, Long> behind = new HashMap<>();
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    behind.put(tp, Math.max(0, ends.get(tp).offset() - offset.offset()));
                }
            });
            lag += behind.values().stream().mapToLong(Long::longValue).sum();
        }
        return lag;
    }
}

package org.patientoutreach.journeys;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Tests only: when the service's consumers get their partitions, they skip records published before this test JVM
 * started. The topics are shared with the other services' test runs and benchmarks (tens of thousands of firings
 * and delivery events), and working through that backlog would delay this run's own records past any timeout. It
 * only ever moves forward, so a rebalance mid-run never replays or skips this run's records.
 */
@ApplicationScoped
@Identifier("skip-earlier-traffic")
public class SkipEarlierTraffic implements KafkaConsumerRebalanceListener {

    private static final long STARTED_AT = ManagementFactory.getRuntimeMXBean().getStartTime();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.forEach(tp -> since.put(tp, STARTED_AT));
        Map<TopicPartition, OffsetAndTimestamp> firstOfRun = consumer.offsetsForTimes(since);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp first = firstOfRun.get(tp);
            long offset = first == null ? ends.get(tp) : first.offset();
            if (offset > consumer.position(tp)) {
                consumer.seek(tp, offset);
            }
        }
    }
}

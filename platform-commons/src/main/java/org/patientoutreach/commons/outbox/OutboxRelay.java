package org.patientoutreach.commons.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.patientoutreach.commons.concurrent.CoalescingWorker;

/**
 * Publishes committed outbox rows to Kafka in commit order, then deletes them. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas of a service can run relays side by side. Delivery is
 * at-least-once; consumers dedupe on the ids the events carry.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 500;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Emitter<SpecificRecord> emitter;
    // Generated Avro classes must resolve in the application's class loader, also from the relay's own thread.
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final CoalescingWorker worker = new CoalescingWorker("outbox-relay", loader, this::drain);
    private final ConcurrentHashMap<String, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();

    @Inject
    public OutboxRelay(DataSource dataSource, @Channel("outbox") Emitter<SpecificRecord> emitter) {
        this.dataSource = dataSource;
        this.emitter = emitter;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake();
    }

    /**
     * The safety net: picks up rows whose wake-up was lost (crash between commit and publish, broker outage). Delayed
     * so that the first poll does not race the messaging layer wiring the emitter at start-up.
     */
    @Scheduled(every = "${outbox.poll-interval:1s}", delayed = "${outbox.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    public void wake() {
        worker.wake();
    }

    private void drain() {
        while (drainBatch() == BATCH) {
            // a full batch means more may be waiting
        }
    }

    /** Publishes one batch and returns how many rows it published. */
    int drainBatch() {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                planForTodaysTable(connection);
                List<Long> published = new ArrayList<>();
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT seq, topic, record_key, record_class, payload FROM outbox_event "
                                + "ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    select.setInt(1, BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            SpecificRecord record = decode(rows.getString(4), rows.getBytes(5));
                            acks.add(send(rows.getString(2), rows.getString(3), record));
                            published.add(rows.getLong(1));
                        }
                    }
                }
                if (published.isEmpty()) {
                    return 0;
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                try (PreparedStatement done = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE seq = ANY (?)")) {
                    done.setArray(1, connection.createArrayOf("bigint", published.toArray()));
                    done.executeUpdate();
                }
                return published.size();
            }
        });
    }

    /**
     * The outbox swings from empty to a million rows (a segment going live) and back. The driver reuses server-side
     * prepared statements, and PostgreSQL may keep a generic plan made while the table was empty (a sequential scan)
     * until the table is next analyzed; without autovacuum (this machine's PostgreSQL runs without it) that is never:
     * 1M membership events drained at 300/s, and at 30,000/s once an ANALYZE had invalidated the plans. Planning two
     * statements per batch is small next to the batch's wait for Kafka's acknowledgements.
     */
    private static void planForTodaysTable(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    private CompletableFuture<Void> send(String topic, String key, SpecificRecord record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build();
        emitter.send(Message.of(record)
                .addMetadata(metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }

    private SpecificRecord decode(String recordClass, byte[] payload) {
        try {
            return readers.computeIfAbsent(recordClass, this::readerOf)
                    .read(null, DecoderFactory.get().binaryDecoder(payload, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reader bound to the generated class itself, so it decodes into that class whatever thread it runs on. */
    @SuppressWarnings("unchecked")
    private SpecificDatumReader<SpecificRecord> readerOf(String recordClass) {
        try {
            return new SpecificDatumReader<>((Class<SpecificRecord>) Class.forName(recordClass, true, loader));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown outbox record class " + recordClass, e);
        }
    }

    @PreDestroy
    void stop() {
        worker.close();
    }
}

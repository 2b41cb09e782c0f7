package org.patientoutreach.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.postgresql.PGConnection;

/**
 * Writes an event into the caller's transaction. The {@link OutboxRelay} publishes it once the transaction commits,
 * so a state change and the event it causes happen both or neither.
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final Event<OutboxWritten> written;

    @Inject
    public Outbox(DataSource dataSource, Event<OutboxWritten> written) {
        this.dataSource = dataSource;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, SpecificRecord record) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox_event (id, topic, record_key, record_class, payload) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, record.getClass().getName());
            insert.setBytes(5, encode(record));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox insert failed for topic " + topic, e);
        }
        written.fire(new OutboxWritten(topic));
        return id;
    }

    /**
     * Writes many events of one topic with one COPY, for bulk paths: a segment going live over a million patients
     * must not cost a million INSERT round trips. Same guarantees as {@link #publish}: the rows are part of the
     * caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, Map<String, ? extends SpecificRecord> recordsByKey) {
        if (recordsByKey.isEmpty()) {
            return;
        }
        // CSV: strings quoted (keys are ids, but nothing here may break the row), payload as bytea hex input.
        StringBuilder rows = new StringBuilder(recordsByKey.size() * 256);
        String quotedTopic = quoted(topic);
        SpecificDatumWriter<SpecificRecord> writer = null;
        Schema writerSchema = null;
        BinaryEncoder encoder = null;
        var out = new ByteArrayOutputStream(256);
        for (var entry : recordsByKey.entrySet()) {
            SpecificRecord record = entry.getValue();
            if (record.getSchema() != writerSchema) {
                writerSchema = record.getSchema();
                writer = new SpecificDatumWriter<>(writerSchema);
            }
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            try {
                writer.write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows.append(UUID.randomUUID()).append(',').append(quotedTopic).append(',').append(quoted(entry.getKey()))
                    .append(',').append(quoted(record.getClass().getName())).append(",\\x");
            appendHex(rows, out.toByteArray());
            rows.append('\n');
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY outbox_event (id, topic, record_key, record_class, payload) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("outbox copy failed for topic " + topic, e);
        }
        written.fire(new OutboxWritten(topic));
    }

    /**
     * Writes events of one topic that may share keys, in their order: {@link #publishAll} takes one event per key, so
     * a key with several events gets one COPY per event, in order, and the relay keeps their order on the partition.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <R extends SpecificRecord> void publishInOrder(String topic, List<R> records,
            Function<R, String> keyOf) {
        List<Map<String, R>> rounds = new ArrayList<>();
        for (R record : records) {
            String key = keyOf.apply(record);
            Map<String, R> round = rounds.stream().filter(r -> !r.containsKey(key)).findFirst()
                    .orElse(null);
            if (round == null) {
                round = new LinkedHashMap<>();
                rounds.add(round);
            }
            round.put(key, record);
        }
        rounds.forEach(round -> publishAll(topic, round));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void appendHex(StringBuilder sb, byte[] bytes) {
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    static byte[] encode(SpecificRecord record) {
        var out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

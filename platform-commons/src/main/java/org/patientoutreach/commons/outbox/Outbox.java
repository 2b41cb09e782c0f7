package org.patientoutreach.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

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
     * Writes many events of one topic in one JDBC batch, for bulk paths (a million imported patients must not cost
     * a million round trips). Same guarantees as {@link #publish}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, java.util.Map<String, ? extends SpecificRecord> recordsByKey) {
        if (recordsByKey.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox_event (id, topic, record_key, record_class, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (var entry : recordsByKey.entrySet()) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, topic);
                insert.setString(3, entry.getKey());
                insert.setString(4, entry.getValue().getClass().getName());
                insert.setBytes(5, encode(entry.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox batch insert failed for topic " + topic, e);
        }
        written.fire(new OutboxWritten(topic));
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

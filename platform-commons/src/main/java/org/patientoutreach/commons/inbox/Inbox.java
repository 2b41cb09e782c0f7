package org.patientoutreach.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Remembers which messages a consumer has processed. Called inside the processing transaction, so the mark and the
 * effect commit together: a redelivered record finds its mark and is skipped.
 */
@ApplicationScoped
public class Inbox {

    private final DataSource dataSource;

    @Inject
    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true the first time this consumer sees this message id, false on every redelivery */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String messageId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO inbox_message (consumer, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, messageId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox insert failed for consumer " + consumer, e);
        }
    }

    /**
     * {@link #firstDelivery} for a whole batch in one statement, for consumers that process a poll at a time.
     *
     * @return the ids this consumer sees for the first time (an id listed twice counts once)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO inbox_message (consumer, message_id) SELECT ?, unnest(?::text[])
                        ON CONFLICT DO NOTHING RETURNING message_id""")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", messageIds.toArray()));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox insert failed for consumer " + consumer, e);
        }
    }
}

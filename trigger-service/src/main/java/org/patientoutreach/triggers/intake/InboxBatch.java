package org.patientoutreach.triggers.intake;

import jakarta.enterprise.context.ApplicationScoped;
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
 * The commons inbox (table {@code inbox_message}), marked for a whole poll in one statement: one round trip per
 * batch instead of one per record. Same rule as {@code Inbox#firstDelivery}: the marks commit with the batch's
 * effects, so a redelivered record finds its mark and is skipped.
 */
@ApplicationScoped
public class InboxBatch {

    private final DataSource dataSource;

    public InboxBatch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the ids this consumer sees for the first time (an id listed twice counts once) */
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

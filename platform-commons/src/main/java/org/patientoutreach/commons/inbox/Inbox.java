package org.patientoutreach.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
}

package org.patientoutreach.emails.send;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.schemas.JourneyInstanceEnded;

/**
 * Journey instances that left early ({@code journey_instance_ended}), remembered so that a request of one arriving
 * after the news, or a held send of one coming due, is suppressed. Ids only.
 */
@ApplicationScoped
class EndedInstances {

    private final Duration keep;

    EndedInstances(EmailsConfig config) {
        this.keep = config.journeyEnds().keep();
    }

    /**
     * Remembered from {@code now}, when this service learned it, not from when the instance ended: news that comes
     * through a long backlog must still outlive the requests behind it. One statement for a whole poll.
     */
    static void remember(List<JourneyInstanceEnded> ended, Instant now) {
        SendQueue.jdbc(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO journey_instance_ended (instance_id, ended_at, remembered_at)
                    SELECT instance_id, ended_at, ? FROM unnest(?::text[], ?::timestamptz[]) AS e(instance_id, ended_at)
                    ON CONFLICT (instance_id) DO NOTHING""")) {
                insert.setTimestamp(1, Timestamp.from(now));
                insert.setArray(2, connection.createArrayOf("text",
                        ended.stream().map(JourneyInstanceEnded::getInstanceId).toArray()));
                insert.setArray(3, connection.createArrayOf("timestamptz",
                        ended.stream().map(e -> Timestamp.from(e.getAt())).toArray()));
                return insert.executeUpdate();
            }
        });
    }

    /** Which of these instances have ended; one statement whatever their number, none for none. */
    @SuppressWarnings("unchecked")
    static List<String> among(List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        return Panache.getEntityManager().createNativeQuery(
                "SELECT instance_id FROM journey_instance_ended WHERE instance_id = ANY (?1)", String.class)
                .setParameter(1, instanceIds.toArray(String[]::new)).getResultList();
    }

    /**
     * A request older than {@code emails.journey-ends.keep} is not expected any more: the instance is forgotten.
     * journey-service asks for an email when the step runs, so its request is at most as late as Kafka's backlog.
     */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        Instant before = Instant.now().minus(keep);
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("DELETE FROM journey_instance_ended WHERE remembered_at < ?1")
                .setParameter(1, before).executeUpdate());
    }
}

package org.patientoutreach.emails.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * {@code VACUUM (ANALYZE)} of the send log and the outbox every few seconds while the benchmark runs: what autovacuum
 * does on any PostgreSQL left at its defaults, where the service runs. This machine's PostgreSQL has autovacuum off,
 * so without it both tables keep every dead row of the run, their indexes fill with entries of rows long gone, and
 * they are never analyzed (the planner plans them blind). Its CPU counts as PostgreSQL's, as autovacuum's would.
 */
final class Autovacuum implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private Autovacuum(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Autovacuum every(DataSource dataSource, int seconds) {
        if (seconds <= 0) {
            return new Autovacuum(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-autovacuum");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> vacuum(dataSource), seconds, seconds, TimeUnit.SECONDS);
        return new Autovacuum(timer);
    }

    private static void vacuum(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) email_send, outbox_event");
        } catch (SQLException e) {
            System.out.println("benchmark autovacuum failed: " + e.getSQLState());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}

package org.patientoutreach.journeys.instance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.patientoutreach.commons.outbox.OutboxWritten;

/**
 * Simulates the process dying in the middle of a transaction: once armed, the n-th outbox write throws, after
 * earlier writes of the same transaction went to the database. Idle unless a test arms it.
 */
@ApplicationScoped
public class CrashInjector {

    private static final AtomicInteger COUNTDOWN = new AtomicInteger();
    private static final AtomicBoolean CRASHED = new AtomicBoolean();

    static void crashAtWrite(int n) {
        CRASHED.set(false);
        COUNTDOWN.set(n);
    }

    static boolean crashed() {
        return CRASHED.get();
    }

    void onWrite(@Observes OutboxWritten written) {
        if (COUNTDOWN.get() > 0 && COUNTDOWN.decrementAndGet() == 0) {
            CRASHED.set(true);
            throw new IllegalStateException("simulated crash in the middle of a transaction");
        }
    }
}

package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void spacesHandOffsEvenlyAtTheConfiguredRate() {
        RateLimiter tenPerSecond = new RateLimiter(10);
        assertEquals(0, tenPerSecond.reserve(0));
        assertEquals(100 * MS, tenPerSecond.reserve(0));
        assertEquals(200 * MS, tenPerSecond.reserve(0));
        assertEquals(150 * MS, tenPerSecond.reserve(150 * MS), "the fourth slot is at 300 ms");
    }

    @Test
    void doesNotSaveUpIdleTimeForABurst() {
        RateLimiter tenPerSecond = new RateLimiter(10);
        tenPerSecond.reserve(0);
        assertEquals(0, tenPerSecond.reserve(5_000 * MS));
        assertEquals(100 * MS, tenPerSecond.reserve(5_000 * MS));
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter unlimited = new RateLimiter(0);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(0, unlimited.reserve(0));
        }
    }
}

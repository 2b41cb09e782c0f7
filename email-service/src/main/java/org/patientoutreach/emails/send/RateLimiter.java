package org.patientoutreach.emails.send;

import java.util.concurrent.TimeUnit;

/**
 * Spaces SMTP hand-offs evenly so that at most {@code perSecond} start in any second (relays throttle senders that
 * burst). Callers reserve a slot and wait for it; 0 means no limit. The arithmetic is pure and tested with JUnit.
 */
final class RateLimiter {

    private final long intervalNanos;
    private long nextSlot;
    private boolean started;

    RateLimiter(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    /** @return how long the caller must wait, from {@code nowNanos}, before its hand-off */
    synchronized long reserve(long nowNanos) {
        if (intervalNanos == 0) {
            return 0;
        }
        if (!started || nextSlot - nowNanos < 0) {
            nextSlot = nowNanos; // idle time is not saved up: no burst after a quiet period
            started = true;
        }
        long wait = nextSlot - nowNanos;
        nextSlot += intervalNanos;
        return wait;
    }

    void acquire() throws InterruptedException {
        long wait = reserve(System.nanoTime());
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}

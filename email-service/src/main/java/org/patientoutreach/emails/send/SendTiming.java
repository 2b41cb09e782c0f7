package org.patientoutreach.emails.send;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a send may go out: not in the patient's quiet hours if it is commercial ({@code quietHours}; null when they
 * are switched off), and inside the journey's send window if it has one, any email. Each rule moves the time forward
 * to its own end; the first instant both allow is found within a week of steps. A window that lies wholly inside the
 * quiet hours wins over them: the journey asked for those hours. Pure, so it is tested with plain JUnit.
 */
record SendTiming(QuietHours quietHours) {

    static final String QUIET_HOURS = "quiet-hours";
    static final String SEND_WINDOW = "send-window";
    /** Each step ends a quiet night or reaches a window's opening: 16 cover a week of both. */
    private static final int MAX_STEPS = 16;

    /** Until when a send waits, and why (the first rule that held it back). */
    record Deferral(Instant until, String reason) {
    }

    /** Whether any rule can hold this send: most care email has neither, and needs no timezone looked up. */
    boolean mayHold(boolean commercial, SendWindow window) {
        return window != null || commercial && quietHours != null;
    }

    Optional<Deferral> deferral(boolean commercial, SendWindow window, ZoneId zone, Instant now) {
        if (!mayHold(commercial, window)) {
            return Optional.empty();
        }
        boolean quiet = commercial && quietHours != null;
        Instant at = now;
        String reason = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Instant> later = quiet ? quietHours.deferUntil(at, zone) : Optional.empty();
            String why = QUIET_HOURS;
            if (later.isEmpty() && window != null) {
                later = window.deferUntil(at, zone);
                why = SEND_WINDOW;
            }
            if (later.isEmpty() || !later.get().isAfter(at)) {
                return reason == null ? Optional.empty() : Optional.of(new Deferral(at, reason));
            }
            reason = reason == null ? why : reason;
            at = later.get();
        }
        return window == null ? Optional.of(new Deferral(at, reason))
                : window.deferUntil(now, zone).map(opening -> new Deferral(opening, SEND_WINDOW));
    }
}

package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.EmailsConfig;

class CapCountsTest {

    private static final List<EmailsConfig.Cap> DAY_AND_WEEK = List.of(cap(2, Duration.ofDays(1)),
            cap(5, Duration.ofDays(7)));

    @Test
    void emailsQueuedInTheSameBatchCountTowardTheCap() {
        CapCounts counts = new CapCounts(DAY_AND_WEEK, new HashMap<>());

        assertFalse(counts.reached("p1"));
        counts.add("p1");
        assertFalse(counts.reached("p1"));
        counts.add("p1");
        assertTrue(counts.reached("p1"), "the third of the day is over the cap");
        assertFalse(counts.reached("p2"), "other patients are counted apart");
    }

    @Test
    void anyReachedWindowCapsEvenIfTheOthersAreNot() {
        Map<String, long[]> stored = new HashMap<>();
        stored.put("p1", new long[] {0, 4});
        CapCounts counts = new CapCounts(DAY_AND_WEEK, stored);

        assertFalse(counts.reached("p1"));
        counts.add("p1");
        assertTrue(counts.reached("p1"), "five this week, though none today");
    }

    private static EmailsConfig.Cap cap(int max, Duration window) {
        return new EmailsConfig.Cap() {
            @Override
            public int max() {
                return max;
            }

            @Override
            public Duration window() {
                return window;
            }
        };
    }
}

package org.patientoutreach.journeys.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.journeys.journey.SplitPath;

class SplitPathTest {

    private static final List<SplitPath> THIRTY_SEVENTY = List.of(new SplitPath(30, "a"), new SplitPath(70, "b"));

    @Test
    void anInstanceTakesTheSamePathOnEveryReplay() {
        UUID instanceId = UUID.randomUUID();
        int first = JourneyExecutor.splitPath(instanceId, "split", 1, THIRTY_SEVENTY);
        for (int i = 0; i < 10; i++) {
            assertEquals(first, JourneyExecutor.splitPath(instanceId, "split", 1, THIRTY_SEVENTY));
        }
    }

    @Test
    void instancesAreSpreadByThePercentages() {
        int toA = 0;
        int total = 20_000;
        for (int i = 0; i < total; i++) {
            if (JourneyExecutor.splitPath(UUID.randomUUID(), "split", 1, THIRTY_SEVENTY) == 0) {
                toA++;
            }
        }
        double share = toA / (double) total;
        assertTrue(share > 0.28 && share < 0.32, "share of path a: " + share);
    }

    @Test
    void aZeroPercentPathIsNeverTaken() {
        List<SplitPath> never = List.of(new SplitPath(0, "a"), new SplitPath(100, "b"));
        for (int i = 0; i < 1_000; i++) {
            assertEquals(1, JourneyExecutor.splitPath(UUID.randomUUID(), "split", 1, never));
        }
    }

    @Test
    void laterVisitsOfANodeOnALoopGetTheirOwnRequestIdsAndTheFirstKeepsTheSimpleOne() {
        UUID instanceId = UUID.randomUUID();
        assertEquals(JourneyExecutor.requestId(instanceId, "n1"), JourneyExecutor.requestId(instanceId, "n1", 1));
        assertNotEquals(JourneyExecutor.requestId(instanceId, "n1", 1), JourneyExecutor.requestId(instanceId, "n1", 2));
        assertEquals(JourneyExecutor.requestId(instanceId, "n1", 2), JourneyExecutor.requestId(instanceId, "n1", 2));
    }
}

package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the outcome recorder gathers a batch before committing it: pure logic, no infrastructure. */
class RecorderGatherTest {

    private static final long LONG_LINGER = Duration.ofMinutes(1).toNanos();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed claim
    void entriesArrivingWithinTheLingerJoinTheBatch() throws Exception {
        BlockingQueue<Integer> pending = new LinkedBlockingQueue<>();
        List<Integer> batch = new ArrayList<>(List.of(0));
        CountDownLatch firstWaitSeen = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                firstWaitSeen.await();
                for (int i = 1; i <= 5; i++) {
                    pending.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        // Stops once all six are in: entries put while the recorder waits are taken, in order.
        SendOutcomes.gather(pending, batch, 100, LONG_LINGER, () -> {
            firstWaitSeen.countDown();
            return batch.size() == 6;
        });
        producer.join();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), batch);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void commitsAtOnceWhenAskedToEvenWithinTheLinger() throws Exception {
        BlockingQueue<Integer> pending = new LinkedBlockingQueue<>(List.of(1, 2));
        List<Integer> batch = new ArrayList<>(List.of(0));
        SendOutcomes.gather(pending, batch, 100, LONG_LINGER, () -> true);
        assertEquals(List.of(0, 1, 2), batch, "what was already waiting goes into the batch, nothing is waited for");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFullBatchEndsTheLingerAndLeavesTheRestQueued() throws Exception {
        BlockingQueue<Integer> pending = new LinkedBlockingQueue<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
        List<Integer> batch = new ArrayList<>(List.of(0));
        SendOutcomes.gather(pending, batch, 4, LONG_LINGER, () -> false);
        assertEquals(List.of(0, 1, 2, 3), batch);
        assertEquals(6, pending.size());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void withoutALingerItTakesOnlyWhatIsWaiting() throws Exception {
        BlockingQueue<Integer> pending = new LinkedBlockingQueue<>(List.of(1));
        List<Integer> batch = new ArrayList<>(List.of(0));
        SendOutcomes.gather(pending, batch, 100, 0, () -> false);
        assertEquals(List.of(0, 1), batch);
    }

    @Test
    void theLingerEndsOnceAThirdOfTheRoomForUnrecordedHandOversIsTaken() {
        Semaphore unrecorded = new Semaphore(32);
        unrecorded.acquireUninterruptibly(9);
        assertFalse(SendOutcomes.roomRunningOut(unrecorded, 32), "9 of 32 taken: the workers have room to go on");
        unrecorded.acquireUninterruptibly();
        assertTrue(SendOutcomes.roomRunningOut(unrecorded, 32), "10 of 32 taken: commit before the workers stall");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theLingerEndsAtOnceWhenAWorkerWaitsForRoom() throws Exception {
        Semaphore unrecorded = new Semaphore(32);
        unrecorded.acquireUninterruptibly(5);
        assertFalse(SendOutcomes.roomRunningOut(unrecorded, 32));
        // More than is free: the worker waits though most of the room is free.
        Thread worker = new Thread(() -> unrecorded.acquireUninterruptibly(28));
        worker.start();
        while (!unrecorded.hasQueuedThreads()) {
            Thread.sleep(1);
        }
        assertTrue(SendOutcomes.roomRunningOut(unrecorded, 32), "27 of 32 free, but a worker waits");
        unrecorded.release(5);
        worker.join();
    }
}

package org.patientoutreach.journeys.instance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.concurrent.CoalescingWorker;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.JourneyActivated;
import org.patientoutreach.journeys.journey.JourneyStatus;

/**
 * Runs due work: instances whose wait or branch deadline has come (or whose branch an interaction woke), and
 * instances enrolled in bulk at go-live. Due instances of LIVE and COMPLETED journeys are claimed in batches with
 * {@code FOR UPDATE SKIP LOCKED} and run in one transaction per batch, so several workers and replicas share the
 * work and never take the same instance; a crash rolls the batch back (its email requests included, they sit in
 * the same transaction's outbox) and the next claim redoes it. When one instance breaks a batch, each of its
 * instances is redone alone and only the broken one is marked FAILED.
 */
@ApplicationScoped
public class JourneyRunner {

    private static final Logger LOG = Logger.getLogger(JourneyRunner.class);
    private static final String DUE = """
            SELECT i.id FROM journey_instance i JOIN journey j ON j.id = i.journey_id
            WHERE i.status IN ('ACTIVE', 'WAITING') AND i.wake_at <= now() AND j.status IN ('LIVE', 'COMPLETED')
            %s
            ORDER BY i.wake_at
            LIMIT :limit
            FOR UPDATE OF i SKIP LOCKED""";

    private final JourneyExecutor executor;
    private final JourneysConfig config;
    // The pools run Avro and Hibernate code: they must resolve classes in the application's class loader.
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final CoalescingWorker dispatcher = new CoalescingWorker("journey-runner", loader, this::runDue);
    private final ExecutorService workers;

    @Inject
    public JourneyRunner(JourneyExecutor executor, JourneysConfig config) {
        this.executor = executor;
        this.config = config;
        this.workers = Executors.newFixedThreadPool(config.runner().workers(), r -> thread(r, "journey-worker"));
    }

    @Scheduled(every = "${journeys.runner.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        QuarkusTransaction.requiringNew().run(JourneyRunner::completeEndedJourneys);
        wake();
    }

    /** A journey just went live: its bulk-enrolled members are due now, not at the next tick. */
    void afterActivation(@Observes(during = TransactionPhase.AFTER_SUCCESS) JourneyActivated activated) {
        wake();
    }

    /** Runs due work on the runner's own threads, unless a run is already going (it then runs once more). */
    public void wake() {
        dispatcher.wake();
    }

    /**
     * Claims and runs batches on every worker until nothing is due. Safe to call from several threads or replicas
     * at once: SKIP LOCKED gives each batch to one of them.
     *
     * @return how many instances this call ran
     */
    public int runDue() {
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < config.runner().workers(); i++) {
            running.add(workers.submit(this::drain));
        }
        int total = 0;
        for (Future<Integer> worker : running) {
            try {
                total += worker.get();
            } catch (ExecutionException e) {
                LOG.warnf("runner worker failed: %s", e.getCause().getClass().getName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            }
        }
        return total;
    }

    private int drain() {
        int total = 0;
        int ran;
        while ((ran = runBatch()) > 0) {
            total += ran;
        }
        return total;
    }

    /** @return how many instances the batch held (0: nothing due) */
    int runBatch() {
        List<UUID> claimed = new ArrayList<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                claimed.addAll(claim("", Map.of("limit", config.runner().batchSize())));
                run(claimed);
                return claimed.size();
            });
        } catch (RuntimeException e) {
            if (claimed.isEmpty()) {
                LOG.warnf("runner claim failed: %s", e.getClass().getName());
                return 0;
            }
            LOG.warnf("batch of %d instance(s) rolled back (%s); running each alone", claimed.size(),
                    e.getClass().getName());
            claimed.forEach(this::runAlone);
            return claimed.size();
        }
    }

    private void runAlone(UUID instanceId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> run(claim("AND i.id = :id",
                    Map.of("limit", 1, "id", instanceId))));
        } catch (RuntimeException e) {
            // Retrying a step that throws would throw again on every tick: stop the instance where it is.
            LOG.errorf("instance %s failed: %s", instanceId, e.getClass().getName());
            QuarkusTransaction.requiringNew().run(() -> markFailed(instanceId, e));
        }
    }

    private void run(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<UUID, Journey> journeys = new HashMap<>();
        for (JourneyInstance instance : JourneyInstance.<JourneyInstance>list("id in ?1", ids)) {
            // A lambda, not Journey::findById: Panache only implements the static methods called on the entity class.
            Journey journey = journeys.computeIfAbsent(instance.journeyId, id -> Journey.<Journey>findById(id));
            executor.resume(instance, journey);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> claim(String extraCondition, Map<String, Object> parameters) {
        var query = JourneyInstance.getEntityManager().createNativeQuery(DUE.formatted(extraCondition), UUID.class);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    private static void markFailed(UUID instanceId, RuntimeException cause) {
        JourneyInstance instance = JourneyInstance.findById(instanceId);
        if (instance == null || instance.status == InstanceStatus.COMPLETED || instance.status == InstanceStatus.EXITED) {
            return;
        }
        Instant now = Instant.now();
        instance.status = InstanceStatus.FAILED;
        instance.wakeAt = null;
        instance.updatedAt = now;
        InstanceStep.record(instance, instance.currentNodeId, StepOutcome.FAILED, null, cause.getClass().getSimpleName(),
                now);
    }

    /** A LIVE journey past its end date takes no one new; its running instances still finish. */
    private static void completeEndedJourneys() {
        Journey.update("status = ?1, updatedAt = ?2, version = version + 1 where status = ?3 and endAt <= ?2",
                JourneyStatus.COMPLETED, Instant.now(), JourneyStatus.LIVE);
    }

    private Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        return t;
    }

    @PreDestroy
    void stop() {
        dispatcher.close();
        workers.shutdownNow();
    }
}

package org.patientoutreach.journeys.instance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.journeys.journey.Journey;

/**
 * The durable timers: resumes WAITING instances of LIVE journeys whose wake-up time has passed. Each instance is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and resumed in its own transaction, so replicas share the work and
 * one broken instance cannot hold back the others.
 */
@ApplicationScoped
public class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

    private final JourneyExecutor executor;
    private final JourneysConfig config;

    @Inject
    public TimerPoller(JourneyExecutor executor, JourneysConfig config) {
        this.executor = executor;
        this.config = config;
    }

    @Scheduled(every = "${journeys.timers.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeDue() {
        for (int i = 0; i < config.timers().batchSize(); i++) {
            AtomicReference<UUID> claimed = new AtomicReference<>();
            try {
                if (!QuarkusTransaction.requiringNew().call(() -> resumeNextDue(claimed))) {
                    return;
                }
            } catch (RuntimeException e) {
                if (claimed.get() == null) {
                    LOG.warnf("timer poll failed: %s", e.getClass().getName());
                    return;
                }
                // Retrying a step that threw would throw again on every tick: stop the instance where it is.
                LOG.errorf("instance %s failed at its wake-up: %s", claimed.get(), e.getClass().getName());
                QuarkusTransaction.requiringNew().run(() -> markFailed(claimed.get()));
            }
        }
    }

    /** @return whether a due instance was found */
    private boolean resumeNextDue(AtomicReference<UUID> claimed) {
        @SuppressWarnings("unchecked")
        List<UUID> due = JourneyInstance.getEntityManager().createNativeQuery("""
                SELECT i.id FROM journey_instance i JOIN journey j ON j.id = i.journey_id
                WHERE i.status = 'WAITING' AND i.wake_at <= now() AND j.status = 'LIVE'
                ORDER BY i.wake_at
                LIMIT 1
                FOR UPDATE OF i SKIP LOCKED""", UUID.class).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        claimed.set(due.get(0));
        JourneyInstance instance = JourneyInstance.findById(claimed.get());
        Journey journey = Journey.findById(instance.journeyId);
        executor.resume(instance, journey.graph);
        LOG.debugf("instance %s resumed", instance.id);
        return true;
    }

    private static void markFailed(UUID instanceId) {
        JourneyInstance.update("status = ?1, wakeAt = null, updatedAt = ?2 where id = ?3",
                InstanceStatus.FAILED, Instant.now(), instanceId);
    }
}

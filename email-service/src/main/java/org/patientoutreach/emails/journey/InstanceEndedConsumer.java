package org.patientoutreach.emails.journey;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.emails.send.SendService;
import org.patientoutreach.schemas.JourneyInstanceEnded;

/**
 * Withdraws the emails a journey instance asked for and that still wait, when journey-service announces that the
 * instance left early ({@code journeys.instance-ended}). Idempotent: a redelivery finds nothing left to withdraw. A
 * record without an instance id goes to the dead-letter topic with the reason at once; a failure to record a valid
 * one (the database away for a moment) is retried first, since a lost withdrawal is an email the patient should not
 * get, and only then dead-lettered, from where it can be replayed.
 */
@ApplicationScoped
public class InstanceEndedConsumer {

    private static final Logger LOG = Logger.getLogger(InstanceEndedConsumer.class);
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private final SendService sends;

    public InstanceEndedConsumer(SendService sends) {
        this.sends = sends;
    }

    @Incoming("journey-ends")
    @Blocking
    public void onEnded(JourneyInstanceEnded ended) throws InterruptedException {
        if (ended.getInstanceId() == null || ended.getInstanceId().isBlank()) {
            throw new IllegalArgumentException("instanceId is blank");
        }
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                int withdrawn = QuarkusTransaction.requiringNew()
                        .call(() -> sends.withdraw(ended.getInstanceId(), ended.getAt()));
                if (withdrawn > 0) {
                    LOG.infof("journey instance %s ended (%s): %d waiting email(s) withdrawn", ended.getInstanceId(),
                            ended.getReason(), withdrawn);
                }
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("journey instance %s ended: recording failed (%s), attempt %d of %d", ended.getInstanceId(),
                        e.getClass().getName(), attempt, ATTEMPTS);
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2);
            }
        }
    }
}

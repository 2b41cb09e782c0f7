package org.patientoutreach.emails.journey;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.emails.send.SendService;
import org.patientoutreach.schemas.JourneyInstanceEnded;

/**
 * Withdraws the emails a journey instance asked for and that still wait, when journey-service announces that the
 * instance left early ({@code journeys.instance-ended}). Idempotent: a redelivery finds nothing left to withdraw. A
 * record without an instance id goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class InstanceEndedConsumer {

    private static final Logger LOG = Logger.getLogger(InstanceEndedConsumer.class);

    private final SendService sends;

    public InstanceEndedConsumer(SendService sends) {
        this.sends = sends;
    }

    @Incoming("journey-ends")
    @Blocking
    @Transactional
    public void onEnded(JourneyInstanceEnded ended) {
        if (ended.getInstanceId() == null || ended.getInstanceId().isBlank()) {
            throw new IllegalArgumentException("instanceId is blank");
        }
        int withdrawn = sends.withdraw(ended.getInstanceId(), ended.getAt());
        if (withdrawn > 0) {
            LOG.infof("journey instance %s ended (%s): %d waiting email(s) withdrawn", ended.getInstanceId(),
                    ended.getReason(), withdrawn);
        }
    }
}

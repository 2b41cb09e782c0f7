package org.patientoutreach.emails.journey;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.inbox.Polls;
import org.patientoutreach.emails.send.SendService;
import org.patientoutreach.schemas.JourneyInstanceEnded;

/**
 * Withdraws the emails journey instances asked for and that still wait, when journey-service announces that they
 * left early ({@code journeys.instance-ended}), a whole Kafka poll per transaction: a stopped journey ends its
 * instances by the thousand, and until its news is in, a held email of one may still go out (BENCHMARK.md, journey
 * ends: 492 instances/s a record at a time). Idempotent: a redelivery finds nothing left to withdraw, and
 * {@code journey_instance_ended} is keyed by the instance, so no inbox mark. A record without an instance id goes to
 * the dead-letter topic with the reason; a poll whose transaction fails is retried ({@link Polls}).
 */
@ApplicationScoped
public class InstanceEndedConsumer {

    static final String CONSUMER = "email-service.journey-ends";
    private static final Logger LOG = Logger.getLogger(InstanceEndedConsumer.class);

    private final Polls polls;
    private final SendService sends;

    public InstanceEndedConsumer(Polls polls, SendService sends) {
        this.polls = polls;
        this.sends = sends;
    }

    @Incoming("journey-ends")
    @Blocking
    public CompletionStage<Void> onPoll(KafkaRecordBatch<String, JourneyInstanceEnded> batch) {
        polls.processKeyedByOwnTable(CONSUMER, batch,
                ended -> ended.getInstanceId().isBlank() ? "instanceId is blank" : null,
                JourneyInstanceEnded::getInstanceId, ended -> {
                    int withdrawn = sends.withdraw(ended);
                    if (withdrawn > 0) {
                        LOG.infof("%d journey instance(s) ended: %d waiting email(s) withdrawn", ended.size(),
                                withdrawn);
                    }
                });
        return polls.done(batch);
    }
}

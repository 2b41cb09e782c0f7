package org.patientoutreach.journeys.segment;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.instance.JourneyRunner;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.commons.inbox.Polls;
import org.patientoutreach.schemas.SegmentMembershipChanged;

/**
 * Keeps the segment projection (segments.membership-changed) and acts on it: an ENTERED patient starts the
 * segment's ONGOING journeys and leaves journeys that exclude the segment; an EXITED one leaves journeys that exit
 * on leaving it. A poll at a time, in one transaction: a segment going live over 100k patients publishes 100k
 * ENTERED events at once, which one transaction per event took minutes to work through.
 */
@ApplicationScoped
public class SegmentMembershipConsumer {

    static final String CHANNEL = "segment-membership";

    private final Polls polls;
    private final MembershipEffects effects;
    private final JourneyRunner runner;

    @Inject
    public SegmentMembershipConsumer(Polls polls, MembershipEffects effects, JourneyRunner runner) {
        this.polls = polls;
        this.effects = effects;
        this.runner = runner;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onChange(KafkaRecordBatch<String, SegmentMembershipChanged> batch) {
        if (polls.process(CHANNEL, batch, SegmentMembershipConsumer::problemOf, SegmentMembershipChanged::getEventId,
                effects::apply) > 0) {
            runner.wake();
        }
        return polls.done(batch);
    }

    /** Reasons name the field, never a value. */
    static String problemOf(SegmentMembershipChanged change) {
        if (change.getEventId().isBlank()) {
            return "eventId is blank";
        }
        if (change.getPatientId().isBlank()) {
            return "patientId is blank";
        }
        return Ids.parse(change.getSegmentId()).isPresent() ? null : "segmentId is not a UUID";
    }
}

package org.patientoutreach.journeys.segment;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.journeys.instance.Instances;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;

/**
 * Keeps the membership projection (segments.membership-changed) and acts on it: an entering patient starts the
 * segment's ONGOING journeys and leaves journeys that exclude the segment; a leaving patient leaves the segment's
 * journeys that exit on segment exit.
 */
@ApplicationScoped
public class SegmentMembershipConsumer {

    static final String CHANNEL = "segment-membership";

    private final Inbox inbox;
    private final SegmentMembers members;
    private final SegmentEntry entry;
    private final Instances instances;

    @Inject
    public SegmentMembershipConsumer(Inbox inbox, SegmentMembers members, SegmentEntry entry, Instances instances) {
        this.inbox = inbox;
        this.members = members;
        this.entry = entry;
        this.instances = instances;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onChange(SegmentMembershipChanged change) {
        if (!inbox.firstDelivery(CHANNEL, change.getEventId())) {
            return;
        }
        UUID segmentId = Ids.require("segmentId", change.getSegmentId());
        members.lock(segmentId);
        if (change.getChange() == MembershipChange.ENTERED) {
            if (members.add(segmentId, change.getPatientId(), change.getEventId(), change.getAt())) {
                entry.entered(segmentId, change.getPatientId(), change.getEventId());
                instances.exitExcluded(segmentId, change.getPatientId());
            }
        } else {
            members.remove(segmentId, change.getPatientId(), change.getAt());
            instances.exitOnSegmentExit(segmentId, change.getPatientId());
        }
    }
}

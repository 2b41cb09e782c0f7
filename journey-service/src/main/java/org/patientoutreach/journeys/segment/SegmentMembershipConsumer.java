package org.patientoutreach.journeys.segment;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;

/** Keeps the membership projection and starts SEGMENT journeys for patients who enter (segments.membership-changed). */
@ApplicationScoped
public class SegmentMembershipConsumer {

    static final String CHANNEL = "segment-membership";

    private final Inbox inbox;
    private final SegmentMembers members;
    private final SegmentEntry entry;

    @Inject
    public SegmentMembershipConsumer(Inbox inbox, SegmentMembers members, SegmentEntry entry) {
        this.inbox = inbox;
        this.members = members;
        this.entry = entry;
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
            }
        } else {
            members.remove(segmentId, change.getPatientId(), change.getAt());
        }
    }
}

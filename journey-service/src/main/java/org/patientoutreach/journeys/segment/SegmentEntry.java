package org.patientoutreach.journeys.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.patientoutreach.journeys.instance.Enrollment;
import org.patientoutreach.journeys.journey.EntryMode;
import org.patientoutreach.journeys.journey.EntryType;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.JourneyActivated;

/**
 * Enrolls all current members of its segment into a SEGMENT journey when it goes live (a ONE_TIME journey only the
 * first time); {@link MembershipEffects} enrolls later members into ONGOING ones. Both paths hold the segment's
 * lock and derive the same entry key from the membership event, so whichever comes second changes nothing.
 */
@ApplicationScoped
public class SegmentEntry {

    private static final Logger LOG = Logger.getLogger(SegmentEntry.class);

    private final SegmentMembers members;
    private final Enrollment enrollment;

    @Inject
    public SegmentEntry(SegmentMembers members, Enrollment enrollment) {
        this.members = members;
        this.enrollment = enrollment;
    }

    void onActivated(@Observes JourneyActivated activated) {
        Journey journey = activated.journey();
        if (journey.entryType != EntryType.SEGMENT
                || journey.entryMode == EntryMode.ONE_TIME && !activated.firstTime()) {
            return;
        }
        members.lock(journey.segmentId);
        int enrolled = enrollment.enrollSegmentMembers(journey);
        LOG.infof("journey %s: %d current member(s) of segment %s enrolled on activation", journey.id, enrolled,
                journey.segmentId);
    }
}

package org.patientoutreach.journeys.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.journeys.instance.Enrollment;
import org.patientoutreach.journeys.journey.EntryMode;
import org.patientoutreach.journeys.journey.EntryType;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.JourneyActivated;

/**
 * Enrolls segment members into SEGMENT journeys: new members into every LIVE ONGOING journey of their segment, and
 * all current members into a journey when it goes live (a ONE_TIME journey only the first time). Both paths derive
 * the same entry key from the membership event, so whichever comes second changes nothing.
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

    /** Called with the segment locked and the member just added. */
    void entered(UUID segmentId, String patientId, String eventId) {
        for (Journey journey : Journey.enrollingFromSegment(segmentId)) {
            enroll(journey, patientId, eventId);
        }
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

    private boolean enroll(Journey journey, String patientId, String eventId) {
        return enrollment.enroll(journey, patientId, "segment-entry:" + eventId,
                Map.of("segmentId", journey.segmentId.toString()));
    }
}

package org.patientoutreach.journeys.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.patientoutreach.journeys.instance.Enrollment;
import org.patientoutreach.journeys.instance.Enrollment.Entrant;
import org.patientoutreach.journeys.instance.Instances;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.segment.SegmentMembers.SegmentMember;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;

/**
 * What a poll of membership changes does, set-wise: members added and removed with one statement each, new members
 * enrolled in the segment's ONGOING journeys with one statement per journey (the runner starts them), and exits for
 * exclusion and segment exit, issued only for segments some journey uses that way. Segments, patients and journeys
 * differ between most changes of a poll; when the same patient's membership of the same segment changes twice in
 * one poll, the poll is cut there so the second change sees the first.
 */
@ApplicationScoped
class MembershipEffects {

    private final SegmentMembers members;
    private final Enrollment enrollment;
    private final Instances instances;

    @Inject
    MembershipEffects(SegmentMembers members, Enrollment enrollment, Instances instances) {
        this.members = members;
        this.enrollment = enrollment;
        this.instances = instances;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void apply(List<SegmentMembershipChanged> changes) {
        List<SegmentMembershipChanged> part = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SegmentMembershipChanged change : changes) {
            if (!seen.add(change.getSegmentId() + "|" + change.getPatientId())) {
                applyPart(part);
                part = new ArrayList<>();
                seen.clear();
                seen.add(change.getSegmentId() + "|" + change.getPatientId());
            }
            part.add(change);
        }
        applyPart(part);
    }

    private void applyPart(List<SegmentMembershipChanged> changes) {
        // In a fixed order, so two transactions locking several segments cannot deadlock.
        new TreeSet<>(changes.stream().map(c -> UUID.fromString(c.getSegmentId())).toList()).forEach(members::lock);
        List<SegmentMember> added = members.addAll(
                changes.stream().filter(c -> c.getChange() == MembershipChange.ENTERED).toList());
        List<SegmentMembershipChanged> exited =
                changes.stream().filter(c -> c.getChange() != MembershipChange.ENTERED).toList();
        members.removeAll(exited);

        Map<UUID, List<Entrant>> entrants = added.stream().collect(bySegment(SegmentMember::segmentId,
                member -> new Entrant(member.patientId(), "segment-entry:" + member.eventId(),
                        Map.of("segmentId", member.segmentId().toString()))));
        entrants.forEach((segmentId, list) -> Journey.enrollingFromSegment(segmentId)
                .forEach(journey -> enrollment.enrollAll(journey, list)));

        // Exits per segment, all its patients at once: a care gap closed for thousands is one statement, not one each.
        added.stream().collect(bySegment(SegmentMember::segmentId, SegmentMember::patientId))
                .forEach((segmentId, patientIds) -> {
                    if (Journey.count("exclusionSegmentId = ?1", segmentId) > 0) {
                        instances.exitExcluded(segmentId, patientIds);
                    }
                });
        Map<UUID, List<String>> leaving = exited.stream().collect(
                bySegment(change -> UUID.fromString(change.getSegmentId()), SegmentMembershipChanged::getPatientId));
        leaving.forEach((segmentId, patientIds) -> {
            if (Journey.count("segmentId = ?1 and exitOnSegmentExit = true", segmentId) > 0) {
                instances.exitOnSegmentExit(segmentId, patientIds);
            }
        });
    }

    /** Groups by segment, segments in the order first met, each segment's values in the order given. */
    private static <T, V> Collector<T, ?, Map<UUID, List<V>>> bySegment(Function<T, UUID> segment,
            Function<T, V> value) {
        return Collectors.groupingBy(segment, LinkedHashMap::new, Collectors.mapping(value, Collectors.toList()));
    }
}

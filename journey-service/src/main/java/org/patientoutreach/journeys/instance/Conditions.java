package org.patientoutreach.journeys.instance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.patientoutreach.journeys.delivery.EmailDelivery;
import org.patientoutreach.journeys.journey.Node;
import org.patientoutreach.journeys.patient.PatientAttributes;
import org.patientoutreach.journeys.registration.EventRegistrations;
import org.patientoutreach.journeys.segment.SegmentMembers;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.RegistrationStatus;

/** Branch conditions, read from the local projections of other services' events. */
@ApplicationScoped
public class Conditions {

    private final EventRegistrations registrations;
    private final PatientAttributes attributes;
    private final SegmentMembers members;

    @Inject
    public Conditions(EventRegistrations registrations, PatientAttributes attributes, SegmentMembers members) {
        this.registrations = registrations;
        this.attributes = attributes;
        this.members = members;
    }

    /** Whether the interaction a BRANCH_INTERACTION waits for has happened. */
    boolean happened(JourneyInstance instance, Node node) {
        return switch (node.interaction()) {
            // A click is only possible on an opened email, even when the open pixel was blocked.
            case EMAIL_OPENED -> EmailDelivery.reported(instance.id, node.stepId(),
                    List.of(DeliveryEventType.OPENED, DeliveryEventType.CLICKED));
            case EMAIL_CLICKED -> EmailDelivery.reported(instance.id, node.stepId(), List.of(DeliveryEventType.CLICKED));
            case EVENT_REGISTERED -> registrations.statusOf(node.eventId(), instance.patientId)
                    .filter(s -> s == RegistrationStatus.REGISTERED || s == RegistrationStatus.CHECKED_IN).isPresent();
            case EVENT_ATTENDED -> registrations.statusOf(node.eventId(), instance.patientId)
                    .filter(s -> s == RegistrationStatus.CHECKED_IN).isPresent();
        };
    }

    /** Whether a BRANCH_ATTRIBUTE takes yes; an attribute the patient's profile lacks is a no. */
    boolean attributeHolds(JourneyInstance instance, Node node) {
        if (node.segmentId() != null) {
            return members.isMember(node.segmentId(), instance.patientId);
        }
        return attributes.valueOf(instance.patientId, node.attribute())
                .map(value -> value.equalsIgnoreCase(node.equals()))
                .orElse(false);
    }
}

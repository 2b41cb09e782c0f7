package org.patientoutreach.e2e;

/** `./outreach demo`: the lab story narrated for a person, with where to look afterwards. */
public final class LabStoryDemo {

    private LabStoryDemo() {
    }

    public static void main(String[] args) {
        System.out.println();
        System.out.println("Patient Outreach: the lab story");
        System.out.println("===============================");
        LabStory story = new LabStory(System.out::println);
        LabStory.Outcome outcome = story.run();
        String inbox = org.patientoutreach.testing.GreenMailClient.API + "/api/user/" + outcome.elizabeth().email()
                + "/messages/INBOX";
        System.out.println();
        System.out.println("Done. Where to look:");
        System.out.println("  Elizabeth's inbox (GreenMail):  " + inbox);
        System.out.println("  segment members:                " + Platform.SEGMENTS + "/api/segments/" + outcome.segmentId()
                + "/members");
        System.out.println("  journey instances:              " + Platform.JOURNEYS + "/api/journeys/" + outcome.journeyId()
                + "/instances");
        System.out.println("  event registrations:            " + Platform.EVENTS + "/api/events/" + outcome.eventId()
                + "/registrations");
        System.out.println("  trigger firings:                " + Platform.TRIGGERS + "/api/triggers/" + outcome.triggerId()
                + "/firings");
        System.out.println("  Swagger UI of each service:     http://127.0.0.1:8081..8085/q/swagger-ui");
        System.out.println("  the APIs want a bearer token:   ./outreach token marketer   (or event-coordinator, ...)");
        System.out.println("  check-in to follow-up email:    " + outcome.checkInToEmail().toMillis() + " ms first, "
                + outcome.warmCheckInToEmail().toMillis() + " ms for a later visit");
    }
}

package org.patientoutreach.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The lab story against the five packaged services that `./outreach test` starts on the real infrastructure. */
class LabStoryIT {

    @Test
    void elizabeth_alone_gets_the_segment_email_registers_for_the_event_and_gets_the_check_in_follow_up() {
        LabStory.Outcome outcome = new LabStory(line -> System.out.println("[lab] " + line)).run();
        assertNotNull(outcome.checkInToEmail());
        System.out.println("[lab] check-in to follow-up email: " + outcome.checkInToEmail().toMillis() + " ms");
    }
}

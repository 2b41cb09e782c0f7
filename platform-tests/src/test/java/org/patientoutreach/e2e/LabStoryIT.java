package org.patientoutreach.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.patientoutreach.e2e.LabPopulation.Person;

/** The lab story against the five packaged services that `./outreach test` starts on the real infrastructure. */
class LabStoryIT {

    @Test
    void elizabeth_alone_gets_the_segment_email_registers_for_the_event_and_gets_the_check_in_follow_up() throws IOException {
        LabStory story = new LabStory(line -> System.out.println("[lab] " + line));
        LabStory.Outcome outcome = story.run();
        System.out.println("[lab] check-in to follow-up email: first " + outcome.checkInToEmail().toMillis()
                + " ms, later visit " + outcome.warmCheckInToEmail().toMillis() + " ms");

        // PHI discipline, checked on what actually ran: no service wrote a patient's name, address or birth date.
        List<Path> logs = serviceLogs();
        assertEquals(5, logs.size(), "a log per service in " + logDir());
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log);
            for (Person p : story.population.everyone()) {
                for (String phi : List.of(p.email(), p.given(), p.family(), LabPopulation.BIRTH_DATE)) {
                    if (Pattern.compile("\\b" + Pattern.quote(phi) + "\\b").matcher(text).find()) {
                        leaks.add(log.getFileName() + " contains a sample patient's " + kind(p, phi));
                    }
                }
            }
        }
        assertFalse(logs.stream().allMatch(l -> l.toFile().length() == 0), "the logs are empty: nothing was scanned");
        assertEquals(List.of(), leaks);
    }

    private static String kind(Person p, String phi) {
        return phi.equals(p.email()) ? "email" : phi.equals(LabPopulation.BIRTH_DATE) ? "birth date" : "name";
    }

    private static Path logDir() {
        String configured = System.getenv("OUTREACH_LOGS");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".outreach/logs"))) {
                return dir.resolve(".outreach/logs");
            }
        }
        throw new IllegalStateException("no .outreach/logs found; run through ./outreach test");
    }

    /** The logs of the five services this run started; benchmark and chaos runs leave logs of their own beside them. */
    private static List<Path> serviceLogs() throws IOException {
        Set<String> names = Set.of("segments-service.log", "journey-service.log", "email-service.log",
                "events-service.log", "trigger-service.log");
        try (Stream<Path> files = Files.list(logDir())) {
            return files.filter(f -> names.contains(f.getFileName().toString())).sorted().toList();
        }
    }
}

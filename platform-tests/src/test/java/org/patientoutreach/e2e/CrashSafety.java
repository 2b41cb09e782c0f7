package org.patientoutreach.e2e;

import static org.patientoutreach.e2e.Platform.EMAILS;
import static org.patientoutreach.e2e.Platform.JOURNEYS;
import static org.patientoutreach.e2e.Platform.SEGMENTS;
import static org.patientoutreach.e2e.Platform.TRIGGERS;
import static org.patientoutreach.e2e.Platform.get;
import static org.patientoutreach.e2e.Platform.post;
import static org.patientoutreach.e2e.Platform.postUntilAccepted;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.patientoutreach.e2e.CrashReport.Intent;

/**
 * Issue #9's crash-safety proof, against the five packaged services the launcher started. A segment-based campaign
 * (one email per member) and a steady trigger load (check-ins, each starting a trigger journey that sends one
 * follow-up) run while the plan's processes are killed with -9 and restarted, one after the other. Once the platform
 * is quiet again, every intended email is looked for in the SMTP server: {@link CrashReport} says what was lost,
 * duplicated or unexpected. The services are left with their defaults, including email-service's send lease, so
 * "quiet" includes the sends a killed email-service left claimed.
 */
final class CrashSafety {

    /**
     * What to run. {@code crashes} are launcher names ("kafka" for the broker) killed in that order; each stays dead
     * for {@code downFor}, is restarted (and ready) and left alone for {@code between} before the next one.
     */
    record Plan(int campaignPatients, int checkInPatients, int checkInsPerSecond, List<String> crashes,
            Duration beforeFirstCrash, Duration downFor, Duration between, Duration quietTimeout) {

        /** The full run of `./outreach chaos`: every service and Kafka, a 10k campaign by default. */
        static Plan full(int campaignPatients) {
            return new Plan(campaignPatients, 3_000, 5,
                    List.of("journey-service", "email-service", "segments-service", "trigger-service",
                            "events-service", "kafka"),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(15));
        }

        /** The short run `./outreach test` includes: the two services on the email path and one Kafka restart. */
        static Plan brief() {
            return new Plan(600, 1_000, 4, List.of("email-service", "journey-service", "kafka"),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMinutes(6));
        }
    }

    private static final String MARKETER = "marketer";
    private static final String CHAOS_SYSTEM = "urn:patientoutreach:chaos";
    /** Go-live checks may wait for news from other services through Kafka (catalog topics). */
    private static final Duration GO_LIVE_PATIENCE = Duration.ofSeconds(30);
    /** How long every count must stay unchanged, with nothing pending, before the run counts the mail. */
    private static final Duration SETTLED = Duration.ofSeconds(10);

    private final Plan plan;
    private final Launcher launcher;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant started = Instant.now();

    CrashSafety(Plan plan, Launcher launcher) {
        this.plan = plan;
        this.launcher = launcher;
    }

    CrashReport run() throws InterruptedException {
        say("run " + run + ": " + plan);
        List<String> campaign = importPatients("c", plan.campaignPatients(), true);
        List<String> checkIns = importPatients("t", plan.checkInPatients(), false);
        say("imported " + campaign.size() + " campaign and " + checkIns.size() + " check-in patients");

        String segmentId = post(SEGMENTS, MARKETER, "/api/segments", """
                {"name":"Crash run %s","description":"crash-safety run",
                 "definition":{"rule":{"type":"hasFact","kind":"CONDITION","system":"%s","codes":["%s"]}}}"""
                .formatted(run, CHAOS_SYSTEM, run), 201).getString("id");
        String campaignEmail = createEmail("Campaign " + run);
        String followUpEmail = createEmail("Follow-up " + run);
        String department = "Chaos-" + run;
        String triggerId = post(TRIGGERS, MARKETER, "/api/triggers", """
                {"name":"Crash run check-in %s","interactionType":"CHECKED_IN","conditions":{"department":"%s"}}"""
                .formatted(run, department), 201).getString("id");
        post(TRIGGERS, MARKETER, "/api/triggers/" + triggerId + "/activate", null, 200);
        String followUpJourney = createJourney("Crash run follow-up " + run,
                "{\"type\":\"TRIGGER\",\"triggerId\":\"" + triggerId + "\"}", followUpEmail);
        postUntilAccepted(JOURNEYS, MARKETER, "/api/journeys/" + followUpJourney + "/activate", null, 200,
                GO_LIVE_PATIENCE);
        String campaignJourney = createJourney("Crash run campaign " + run,
                "{\"type\":\"SEGMENT\",\"segmentId\":\"" + segmentId + "\"}", campaignEmail);

        // email-service suppresses a request for a patient whose profile has not reached it yet (NO_CONTACT): that
        // is a race of the import, not of a crash, so the run starts once every profile is there.
        awaitContacts(campaignEmail, concat(campaign, checkIns));

        Map<String, String> published;
        try (CheckInLoad load = new CheckInLoad(checkIns, plan.checkInsPerSecond(), department)) {
            load.phase("before the crashes");
            load.start();
            int members = post(SEGMENTS, MARKETER, "/api/segments/" + segmentId + "/activate", null, 200)
                    .getInt("members");
            postUntilAccepted(JOURNEYS, MARKETER, "/api/journeys/" + campaignJourney + "/activate", null, 200,
                    GO_LIVE_PATIENCE);
            say("campaign live: segment of " + members + " members, check-ins at " + plan.checkInsPerSecond() + "/s");
            sleep(plan.beforeFirstCrash());
            for (String name : plan.crashes()) {
                load.phase("kill -9 " + name + " and restart");
                progress("before kill -9 " + name, campaignJourney, followUpJourney);
                launcher.kill(name);
                sleep(plan.downFor());
                launcher.restart(name);
                say(name + " is back");
                sleep(plan.between());
            }
            load.phase("after the crashes");
            sleep(plan.between());
            published = load.stop();
            if (load.refused() > 0) {
                say(load.refused() + " check-in(s) refused by the broker (not intended)");
            }
        }
        say(published.size() + " check-ins acknowledged; waiting until the platform is quiet");
        awaitQuiet(campaignJourney, campaign.size(), followUpJourney, published.size());

        Map<String, Intent> intended = new LinkedHashMap<>();
        for (int i = 0; i < campaign.size(); i++) {
            intended.put(address("c", i), new Intent(campaign.get(i), "campaign", "segment go-live, all phases",
                    "Campaign " + run));
        }
        for (int i = 0; i < checkIns.size(); i++) {
            String phase = published.get(checkIns.get(i));
            if (phase != null) {
                intended.put(address("t", i), new Intent(checkIns.get(i), "follow-up", phase, "Follow-up " + run));
            }
        }
        Mailboxes mailboxes = new Mailboxes();
        // Addresses of check-ins never published are read too: mail there is unexpected.
        Set<String> runAddresses = new HashSet<>(intended.keySet());
        for (int i = 0; i < checkIns.size(); i++) {
            runAddresses.add(address("t", i));
        }
        var inboxes = mailboxes.read(runAddresses);
        int strays = inboxes.entrySet().stream().filter(e -> !intended.containsKey(e.getKey()))
                .mapToInt(e -> e.getValue().size()).sum();
        strays += CrashReport.strays(mailboxes.addresses(), runAddresses, "chaos-" + run).size();
        CrashReport report = new CrashReport(intended, inboxes, strays);
        explain(report, campaignEmail, followUpEmail);
        return report;
    }

    /** Patients in FHIR bundles of 500, each with an address of their own; campaign ones carry the run's code. */
    private List<String> importPatients(String group, int n, boolean inSegment) {
        return Platform.importPatients(n, "Crash", i -> address(group, i), !inSegment ? null : id -> """
                {"fullUrl":"urn:uuid:%s","request":{"method":"POST","url":"Condition"},"resource":{
                  "resourceType":"Condition",
                  "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                  "code":{"coding":[{"system":"%s","code":"%s"}]},
                  "subject":{"reference":"urn:uuid:%s"},"onsetDateTime":"2020-01-01T00:00:00Z"}}"""
                .formatted(UUID.randomUUID(), CHAOS_SYSTEM, run, id));
    }

    private String address(String group, int i) {
        return "chaos-" + run + "-" + group + i + "@example.org";
    }

    private String createEmail(String subject) {
        String footer = "<footer>{{sender.postalAddress}} <a href='{{unsubscribeUrl}}'>Unsubscribe</a></footer>";
        String id = post(EMAILS, MARKETER, "/api/emails", """
                {"name":"%s","subject":"%s","htmlBody":"<p>Hello.</p>%s","commercial":false,
                 "senderPostalAddress":"12 Main St, Springfield, MA 01101"}""".formatted(subject, subject, footer),
                201).getString("id");
        post(EMAILS, MARKETER, "/api/emails/" + id + "/ready", null, 200);
        return id;
    }

    private String createJourney(String name, String entry, String emailId) {
        return post(JOURNEYS, MARKETER, "/api/journeys", """
                {"name":"%s","entry":%s,"startNodeId":"send","nodes":[
                  {"id":"send","type":"SEND_EMAIL","emailId":"%s","next":"done"},{"id":"done","type":"EXIT"}]}"""
                .formatted(name, entry, emailId), 201).getString("id");
    }

    /** Waits until email-service can render for every patient (its preview is 404 until the profile arrived). */
    private void awaitContacts(String emailId, List<String> patients) throws InterruptedException {
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(patients);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            while (!missing.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(missing.size() + " patients' profiles never reached email-service");
                }
                for (String patient : List.copyOf(missing)) {
                    pool.execute(() -> {
                        if (Platform.status(EMAILS, MARKETER, "/api/emails/" + emailId + "/preview",
                                "{\"patientId\":\"" + patient + "\"}") == 200) {
                            missing.remove(patient);
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.MINUTES);
                pool = Executors.newFixedThreadPool(6);
                if (!missing.isEmpty()) {
                    sleep(Duration.ofSeconds(2));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        say("every profile has reached email-service");
    }

    /**
     * Quiet: both journeys have requested at least what was intended, email-service has nothing queued, deferred or
     * claimed (a killed dispatcher's claims count until their lease runs out), and nothing changed for a while. If
     * the counts stop moving short of that, the run gives up after a long stall and counts what arrived.
     */
    private void awaitQuiet(String campaignJourney, int campaign, String followUpJourney, int followUps) {
        Instant deadline = Instant.now().plus(plan.quietTimeout());
        String last = "";
        Instant lastChange = Instant.now();
        Instant lastReport = Instant.EPOCH;
        while (Instant.now().isBefore(deadline)) {
            JsonNode a = stats(campaignJourney);
            JsonNode b = stats(followUpJourney);
            String now = a.toString() + b;
            if (!now.equals(last)) {
                last = now;
                lastChange = Instant.now();
            }
            boolean complete = a.path("requested").asInt() >= campaign && b.path("requested").asInt() >= followUps
                    && a.path("pending").asInt() == 0 && b.path("pending").asInt() == 0;
            Duration still = Duration.between(lastChange, Instant.now());
            if (Duration.between(lastReport, Instant.now()).getSeconds() >= 15) {
                progress("waiting", campaignJourney, followUpJourney);
                lastReport = Instant.now();
            }
            if (complete && still.compareTo(SETTLED) >= 0) {
                say("quiet: everything requested and nothing pending for " + SETTLED.getSeconds() + " s");
                return;
            }
            if (!complete && still.compareTo(Duration.ofMinutes(3)) >= 0) {
                say("the counts have not moved for 3 minutes short of the intended totals; counting what arrived");
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        say("not quiet after " + plan.quietTimeout() + "; counting what arrived");
    }

    private static JsonNode stats(String journeyId) {
        return get(EMAILS, MARKETER, "/api/analytics/journeys/" + journeyId).json();
    }

    private void progress(String when, String campaignJourney, String followUpJourney) {
        say(when + ": campaign " + summary(stats(campaignJourney)) + "; follow-ups "
                + summary(stats(followUpJourney)));
    }

    private static String summary(JsonNode s) {
        return "requested " + s.path("requested").asInt() + ", pending " + s.path("pending").asInt() + ", sent "
                + s.path("sent").asInt() + ", suppressed " + s.path("suppressed").asInt() + " "
                + s.path("suppressedByReason") + ", failed " + s.path("failed").asInt();
    }

    /** For lost and duplicated emails: what email-service's send log says about those patients (ids only). */
    private void explain(CrashReport report, String campaignEmail, String followUpEmail) {
        for (var entry : Map.of("lost", report.lostPatients, "duplicated", report.duplicatedPatients).entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            List<String> outcomes = new ArrayList<>();
            for (String patient : entry.getValue().subList(0, Math.min(200, entry.getValue().size()))) {
                JsonNode items = get(EMAILS, MARKETER, "/api/sends?patientId=" + patient + "&size=20").json()
                        .path("items");
                List<String> rows = new ArrayList<>();
                items.forEach(r -> {
                    if (campaignEmail.equals(r.path("emailId").asText())
                            || followUpEmail.equals(r.path("emailId").asText())) {
                        rows.add(r.path("status").asText() + (r.path("reason").isTextual()
                                ? "/" + r.path("reason").asText() : "") + " attempts " + r.path("attempts").asInt());
                    }
                });
                outcomes.add(rows.isEmpty() ? "no send request reached email-service" : String.join(" + ", rows));
            }
            say(entry.getKey() + ": email-service's send log for those patients: " + CrashReport.histogram(outcomes));
            say(entry.getKey() + " patient ids (first 20): "
                    + entry.getValue().subList(0, Math.min(20, entry.getValue().size())));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void say(String line) {
        System.out.printf("[crash %s +%ds] %s%n", LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                Duration.between(started, Instant.now()).getSeconds(), line);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

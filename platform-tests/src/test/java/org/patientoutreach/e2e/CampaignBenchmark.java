package org.patientoutreach.e2e;

import static org.patientoutreach.e2e.Platform.EMAILS;
import static org.patientoutreach.e2e.Platform.JOURNEYS;
import static org.patientoutreach.e2e.Platform.SEGMENTS;
import static org.patientoutreach.e2e.Platform.post;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.testing.BenchResults;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.RawSmtpLoop;

/**
 * Issue #9's campaign throughput: an N-patient segment (default 100,000, {@code -Dbench.patients}) goes live into a
 * one-email journey (segment entry, ONE_TIME); measured is the time from the journey's go-live call to the last SENT
 * event of that journey on emails.delivery-events (email-service stamps SENT right after the SMTP server's 250), and
 * emails/s. The baseline, same run, same SMTP server: a raw SMTP loop sending the very message the platform
 * delivered, as many times ({@code -Dbench.raw-messages}, default N) to as many new recipients, over as many kept-open
 * connections as email-service sends with ({@code -Dbench.raw-connections}, default 8, its {@code emails.smtp-threads}).
 * The server is emptied before the campaign and before the raw loop: GreenMail slows as it fills (one connection
 * reached 407 messages/s into a server holding 120,000, against about 2,000/s into an empty one), so both sides fill it
 * from the same state. Setup (bulk import, segment go-live, every service caught up on Kafka) is timed and printed
 * apart: none of it is in the campaign's figure.
 * Prints numbers and asserts nothing about speed. Against the platform `./outreach up` (or `./outreach bench`) runs:
 * {@code ./mvnw -q -pl platform-tests test-compile exec:java -Dexec.mainClass=org.patientoutreach.e2e.CampaignBenchmark
 * -Dexec.classpathScope=test -Dbench.patients=100000 -Dbench.import-dir=$PWD/.outreach/imports}
 */
public final class CampaignBenchmark {

    private static final String MARKETER = "marketer";
    private static final Duration CATCH_UP = Duration.ofMinutes(20);

    private CampaignBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.patients", 100_000);
        int rawMessages = Integer.getInteger("bench.raw-messages", n);
        int rawConnections = Integer.getInteger("bench.raw-connections", 8);
        Path importDir = Path.of(System.getProperty("bench.import-dir", ".outreach/imports")).toAbsolutePath();
        String smtpHost = System.getProperty("bench.smtp.host", "127.0.0.1");
        int smtpPort = Integer.getInteger("bench.smtp.port", 3025);
        Duration stall = Duration.ofSeconds(Integer.getInteger("bench.stall-seconds", 180));
        String run = UUID.randomUUID().toString().substring(0, 8);

        CampaignPopulation.Imported imported = CampaignPopulation.importPatients(run, n, importDir);
        say("run %s: %,d patients (%,d resources) bulk-imported in %.1f s", run, n, imported.resources(),
                imported.seconds());
        String segmentId = post(SEGMENTS, MARKETER, "/api/segments", """
                {"name":"Campaign bench %s","description":"campaign throughput benchmark",
                 "definition":{"rule":{"type":"hasFact","kind":"CONDITION","system":"%s","codes":["%s"]}}}"""
                .formatted(run, CampaignPopulation.SYSTEM, run), 201).getString("id");
        long s0 = System.nanoTime();
        int members = post(SEGMENTS, MARKETER, "/api/segments/" + segmentId + "/activate", null, 200).getInt("members");
        double segmentSeconds = (System.nanoTime() - s0) / 1e9;
        say("segment live with %,d members in %.1f s", members, segmentSeconds);
        String emailId = readyEmail(run);
        String journeyId = post(JOURNEYS, MARKETER, "/api/journeys", """
                {"name":"Campaign bench %s","entry":{"type":"SEGMENT","segmentId":"%s","mode":"ONE_TIME"},
                 "startNodeId":"send","nodes":[{"id":"send","type":"SEND_EMAIL","emailId":"%s","next":"done"},
                 {"id":"done","type":"EXIT"}]}""".formatted(run, segmentId, emailId), 201).getString("id");
        // journey-service must hold every member (segments.membership-changed) and the catalogs, email-service every
        // profile (patients.profiles): otherwise the figure would time the import's backlog, not the campaign.
        double caughtUp = ConsumerLag.awaitCaughtUp(CATCH_UP) / 1000.0;
        say("consumer groups caught up after %.1f s", caughtUp);

        GreenMailClient greenMail = new GreenMailClient();
        greenMail.purge(); // the check-in benchmark's mail, if it ran first
        SentEvents.Tally tally;
        long goLive;
        try (SentEvents events = new SentEvents()) {
            goLive = activate(journeyId);
            say("journey %s live; waiting for %,d SENT events", journeyId, members);
            tally = events.await(journeyId, members, stall);
        }
        int sent = tally.of(DeliveryEventType.SENT);
        double campaignSeconds = Math.max(1, tally.lastSentAt() - goLive) / 1000.0;
        say("%,d SENT, %,d SUPPRESSED, %,d FAILED; first SENT %.1f s after go-live", sent,
                tally.of(DeliveryEventType.SUPPRESSED), tally.of(DeliveryEventType.FAILED),
                (tally.firstSentAt() - goLive) / 1000.0);
        String inGreenMail = recipientsInGreenMail(run);
        say("GreenMail holds mail for %s of the %,d campaign addresses", inGreenMail, n);

        String message = greenMail.awaitInbox(CampaignPopulation.address(run, 0), 1, Duration.ofSeconds(30))
                .get(0).mimeMessage();
        List<String> rawRecipients = new ArrayList<>(rawMessages);
        for (int i = 0; i < rawMessages; i++) {
            rawRecipients.add("raw-" + run + "-" + i + "@example.org");
        }
        greenMail.purge();
        long rawNanos = RawSmtpLoop.run(smtpHost, smtpPort, rawMessages, rawConnections,
                "care-team@patientoutreach.local", rawRecipients, message);
        double raw = rawMessages / (rawNanos / 1e9);
        double campaign = sent / campaignSeconds;

        String header = "| path | emails | seconds | emails/s | ratio to raw SMTP |";
        List<String> rows = new ArrayList<>();
        rows.add(String.format("| raw SMTP loop, %d kept-open connections, a new recipient each (baseline) | %,d | %.1f "
                + "| %,.0f | 1.00 |", rawConnections, rawMessages, rawNanos / 1e9, raw));
        rows.add(String.format("| campaign: journey go-live -> last SENT | %,d | %.1f | %,.0f | %.2f |", sent,
                campaignSeconds, campaign, campaign / raw));
        System.out.printf("%n=== campaign throughput: %,d-patient segment into a one-email journey ===%n", n);
        System.out.println(header);
        System.out.println("|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        String setupHeader = "| patients | bulk import s | segment live s | members | consumer groups caught up s"
                + " | SENT | SUPPRESSED | FAILED | recipients in GreenMail |";
        String setupRow = String.format("| %,d | %.1f | %.1f | %,d | %.1f | %,d | %,d | %,d | %s |", n,
                imported.seconds(), segmentSeconds, members, caughtUp, sent, tally.of(DeliveryEventType.SUPPRESSED),
                tally.of(DeliveryEventType.FAILED), inGreenMail);
        System.out.println();
        System.out.println(setupHeader);
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.println(setupRow);

        String params = String.format("bench.patients=%d, bench.raw-messages=%d, bench.raw-connections=%d, the SMTP "
                + "server emptied before the campaign and before the raw loop", n, rawMessages, rawConnections);
        BenchResults.write(BenchResults.fromMarkdown("platform", "campaign", "Campaign throughput", params,
                "a raw SMTP loop into the same server, emptied first: the same message, as many times to as many new "
                        + "recipients, over as many connections as email-service sends with (ratio)",
                header, rows).withCharts(BenchResults.chart("Emails per second: campaign against a raw SMTP loop",
                        "path", null, false, "emails/s")));
        BenchResults.write(BenchResults.fromMarkdown("platform", "campaign-setup",
                "Campaign setup and outcomes (not part of the campaign's time)", params, "", setupHeader,
                List.of(setupRow)));
    }

    private static String readyEmail(String run) {
        String footer = "<footer>{{sender.postalAddress}} <a href='{{unsubscribeUrl}}'>Unsubscribe</a></footer>";
        String id = post(EMAILS, MARKETER, "/api/emails", """
                {"name":"Campaign bench %s","subject":"Your yearly check-up","htmlBody":"<p>Hello \
                {{patient.firstName ?: 'there'}}, it is time for your yearly check-up. Book a visit with your care \
                team.</p>%s","commercial":false,"senderPostalAddress":"12 Main St, Springfield, MA 01101"}"""
                .formatted(run, footer), 201)
                .getString("id");
        post(EMAILS, MARKETER, "/api/emails/" + id + "/ready", null, 200);
        return id;
    }

    /**
     * Takes the journey live and returns the epoch ms the accepted call started: a go-live check may refuse (409/422)
     * until journey-service has the segment LIVE and the email READY from Kafka; those refusals are not campaign time.
     */
    private static long activate(String journeyId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            long start = System.currentTimeMillis();
            try {
                post(JOURNEYS, MARKETER, "/api/journeys/" + journeyId + "/activate", null, 200);
                return start;
            } catch (AssertionError e) {
                boolean notYet = e.getMessage().contains(" answered 409") || e.getMessage().contains(" answered 422");
                if (!notYet || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Distinct campaign addresses GreenMail has a mailbox for (one appears with its first message): the SMTP
     * server's side of the count. "not counted" if its API cannot list them (a small heap full of mail).
     */
    private static String recipientsInGreenMail(String run) {
        try {
            String prefix = "campaign-" + run + "-";
            return String.format("%,d", new GreenMailClient().users().stream().filter(u -> u.startsWith(prefix)).count());
        } catch (RuntimeException e) {
            return "not counted (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf("[campaign] " + format + "%n", args);
    }
}

package org.patientoutreach.emails;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings of email-service under the {@code emails} prefix. */
@ConfigMapping(prefix = "emails")
public interface EmailsConfig {

    /** Sender address of every email whose template names none (patients reply to the care team, not a person). */
    @WithDefault("care-team@patientoutreach.local")
    String from();

    /** Sender display name of every email whose template names none. */
    @WithDefault("Care Team")
    String fromName();

    /**
     * Emails in flight toward the SMTP server at once (threads that each hold at most one SMTP conversation); the
     * bound on concurrency toward the relay.
     */
    @WithDefault("4")
    int smtpThreads();

    /** At most this many emails per second toward the SMTP server (relays throttle senders); 0 means no limit. */
    @WithDefault("0")
    int smtpRatePerSecond();

    /** Domain part of the Message-ID, which is {@code <requestId@domain>}: one id per send request. */
    @WithDefault("patientoutreach.local")
    String messageIdDomain();

    /**
     * Where patients reach this service's {@code /api/public} endpoints (unsubscribe, open and click tracking): the
     * links in every email start with it. In production the public host name in front of the service.
     */
    @WithDefault("http://127.0.0.1:8083")
    String publicBaseUrl();

    /**
     * How long a request for a patient whose profile has not arrived yet waits for it before it is suppressed as
     * NO_CONTACT. Profiles (patients.profiles) and requests travel on different topics, so the request for a patient
     * imported a moment ago can overtake the profile; PT0S suppresses at once.
     */
    @WithDefault("PT10S")
    Duration profileWait();

    Dispatch dispatch();

    /** Rolling windows per patient for commercial email, e.g. {@code emails.caps.day.max=2}, {@code .window=PT24H}. */
    Map<String, Cap> caps();

    QuietHours quietHours();

    /** Amazon SES bounces and complaints through an Amazon SNS subscription ({@code POST /webhooks/amazon-sns}). */
    Sns sns();

    /** Mailgun bounces and complaints through its webhooks ({@code POST /webhooks/mailgun}). */
    Mailgun mailgun();

    Engagement engagement();

    /** Journey instances that left early ({@code journeys.instance-ended}): their waiting emails are withdrawn. */
    JourneyEnds journeyEnds();

    interface JourneyEnds {
        /**
         * How long an ended instance is remembered, so that a request of it that arrives later (a Kafka backlog) is
         * suppressed too; longer than any backlog the service is expected to catch up on.
         */
        @WithDefault("P7D")
        Duration keep();
    }

    interface Dispatch {
        /** How long a claimed send may take before another dispatcher (after a crash) sends it again. */
        @WithDefault("PT2M")
        Duration lease();

        /** Safety net: how often due deferred sends, retries and expired leases are looked for. */
        @WithDefault("1s")
        String pollEvery();

        /** Attempts on transient SMTP failures (4xx, connection trouble) before the send is FAILED. */
        @WithDefault("5")
        int maxAttempts();

        /** Backoff before the second attempt; doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("PT10S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /**
         * At most this many emails past their point of no return (terminating dot written) whose hand-over mark is not
         * yet committed: the most a crash of this instance can make the SMTP server deliver twice. SMTP workers wait
         * for room before writing a dot. In the benchmark 32 cost about 4% of the warm rate, 16 cost 11-15%, 64
         * nothing measurable (BENCHMARK.md, fifth round).
         */
        @WithDefault("32")
        int maxUnrecordedHandOvers();

        /**
         * How long an intake poll waits for room among the emails in flight before it queues its due sends in
         * PostgreSQL instead of handing them to the SMTP workers itself ({@code SendDispatcher#reserve}).
         */
        @WithDefault("PT5S")
        Duration intakeWait();

        /**
         * How long the outcome recorder gathers outcomes and hand-over marks before it commits them: a commit costs
         * PostgreSQL about as much as the statements in it, so at full speed a few milliseconds make batches several
         * times larger. Cut short once a third of {@link #maxUnrecordedHandOvers} is taken or a worker waits for room,
         * so the workers do not stall on the marks that wait; a crash still sends at most that ceiling twice. In the
         * benchmark 10 ms took the commits from 38,000-41,000 to 22,000-25,000 for 200,000 emails and the service's
         * own CPU per email down by about 8% (BENCHMARK.md, fourteenth round). 0: commit what has gathered at once.
         */
        @WithDefault("PT0.01S")
        Duration recordLinger();
    }

    interface Cap {
        int max();

        Duration window();
    }

    interface Engagement {
        /**
         * Opens and clicks this soon after sending are taken for a mail gateway's scanner, which fetches every image
         * and link as the email is delivered: answered as usual, but neither counted nor reported. PT0S counts all.
         */
        @WithDefault("PT30S")
        Duration scannerWindow();
    }

    interface Sns {
        /** ARNs of the SNS topics SES publishes this service's bounces and complaints to; none: all are refused. */
        Optional<Set<String>> topicArns();

        /**
         * Amazon SNS's regional hosts over HTTPS ({@code sns.us-east-1.amazonaws.com}, {@code sns.us-gov-west-1...},
         * {@code sns.cn-north-1.amazonaws.com.cn}), and nothing else of amazonaws.com: an S3 bucket named "sns" is
         * {@code sns.s3.amazonaws.com}.
         */
        String AMAZON_SNS = "https://sns\\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+\\.amazonaws\\.com(\\.cn)?";

        /**
         * Scheme, host and port (a regular expression) that signing certificates and subscription confirmations must
         * come from.
         */
        @WithDefault(AMAZON_SNS)
        String trustedOrigin();
    }

    interface Mailgun {
        /**
         * The webhook signing key of the Mailgun account (its dashboard: Sending, Webhooks); none: every Mailgun
         * webhook is refused.
         */
        Optional<String> signingKey();
    }

    /** Commercial email due in these local hours of the patient waits until they end. */
    interface QuietHours {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("21:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();

        /** For patients whose profile carries no (or no valid) timezone. */
        @WithDefault("America/New_York")
        String defaultTimezone();
    }
}

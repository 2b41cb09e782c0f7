package org.patientoutreach.journeys.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of journey-service, under {@code journeys.*}. */
@ConfigMapping(prefix = "journeys")
public interface JourneysConfig {

    Runner runner();

    Topics topics();

    interface Runner {
        /** How often due work (ended waits, bulk enrollments) is looked for; it bounds how late a wait can end. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Instances claimed and run in one transaction: larger batches commit less often, smaller ones redo less. */
        @WithDefault("100")
        int batchSize();

        /** Threads claiming batches side by side (SKIP LOCKED keeps them, and other replicas, apart). */
        @WithDefault("2")
        int workers();
    }

    interface Topics {
        /** Where SEND_EMAIL and INVITE_TO_EVENT steps ask email-service to send. */
        @WithDefault("emails.send-requested")
        String emailRequests();

        /** Where instances that leave early (exits, goals, a stopped journey) are announced, for email-service. */
        @WithDefault("journeys.instance-ended")
        String instanceEnded();
    }
}

package org.patientoutreach.journeys.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of journey-service, under {@code journeys.*}. */
@ConfigMapping(prefix = "journeys")
public interface JourneysConfig {

    Timers timers();

    Topics topics();

    interface Timers {
        /** How often due WAIT timers are looked for; it bounds how late a wait can end. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most instances resumed per poll, so one tick cannot hold the scheduler for long. */
        @WithDefault("200")
        int batchSize();
    }

    interface Topics {
        /** Where SEND_EMAIL steps ask email-service to send. */
        @WithDefault("emails.send-requested")
        String emailRequests();
    }
}

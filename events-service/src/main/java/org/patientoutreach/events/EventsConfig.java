package org.patientoutreach.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** events-service's own settings, under the {@code events.} prefix. */
@ConfigMapping(prefix = "events")
public interface EventsConfig {

    /** Topic that receives an EventRegistrationChanged for every registration status change. */
    @WithDefault("events.registrations")
    String registrationsTopic();
}

package org.patientoutreach.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** events-service's own settings, under the {@code events.} prefix. */
@ConfigMapping(prefix = "events")
public interface EventsConfig {

    /** Topic that receives an EventRegistrationChanged for every registration status change. */
    @WithDefault("events.registrations")
    String registrationsTopic();

    /** Compacted topic, key eventId, that receives an EventCatalogEntry whenever an event's public face changes. */
    @WithDefault("events.catalog")
    String catalogTopic();

    /** Where patients reach this service's {@code /api/public} endpoints: invitation links start with it. */
    @WithDefault("http://127.0.0.1:8084")
    String publicBaseUrl();
}

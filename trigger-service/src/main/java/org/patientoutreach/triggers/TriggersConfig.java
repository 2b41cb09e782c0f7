package org.patientoutreach.triggers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** trigger-service's own settings, under the {@code triggers.} prefix. */
@ConfigMapping(prefix = "triggers")
public interface TriggersConfig {

    /** Topic that receives a TriggerFired for every firing. */
    @WithDefault("triggers.fired")
    String firedTopic();

    /** Compacted topic that carries each trigger's status (key triggerId), for journey-service's go-live checks. */
    @WithDefault("triggers.catalog")
    String catalogTopic();

    /** How soon other replicas' trigger changes reach this replica's matching index (its own apply at once). */
    @WithDefault("5s")
    Duration indexRefresh();

    Mllp mllp();

    interface Mllp {
        /** Whether the HL7 v2 MLLP listener runs at all. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("2575")
        int port();

        /** Zone of HL7 timestamps that carry no offset (most interface engines send local time). */
        @WithDefault("UTC")
        ZoneId defaultZone();
    }
}

package org.patientoutreach.triggers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** trigger-service's own settings, under the {@code triggers.} prefix. */
@ConfigMapping(prefix = "triggers")
public interface TriggersConfig {

    /** Topic that receives a TriggerFired for every firing. */
    @WithDefault("triggers.fired")
    String firedTopic();
}

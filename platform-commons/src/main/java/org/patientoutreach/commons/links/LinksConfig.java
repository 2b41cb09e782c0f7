package org.patientoutreach.commons.links;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Secret and lifetime of patient-facing links. The launcher generates the secret; production injects it. */
@ConfigMapping(prefix = "outreach.links")
public interface LinksConfig {

    /** HMAC-SHA256 key, at least 32 characters. Optional here so services without public links start without one. */
    Optional<String> secret();

    /** Lifetime of a link unless its issuer says otherwise. */
    @WithDefault("P30D")
    Duration defaultTtl();
}

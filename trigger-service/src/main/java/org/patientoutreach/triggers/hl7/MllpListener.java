package org.patientoutreach.triggers.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.patientoutreach.triggers.TriggersConfig;

/**
 * HL7 v2 over MLLP (HAPI's server) on {@code triggers.mllp.port}. Every version is parsed into the v2.5.1 model
 * without conformance validation: interface engines send what they send, and the mapper reads fields by position.
 */
@ApplicationScoped
public class MllpListener {

    private static final Logger LOG = Logger.getLogger(MllpListener.class);

    private final TriggersConfig config;
    private final AdtReceiver receiver;
    private HapiContext context;
    private HL7Service server;

    public MllpListener(TriggersConfig config, AdtReceiver receiver) {
        this.config = config;
        this.receiver = receiver;
    }

    void start(@Observes StartupEvent start) throws InterruptedException {
        if (!config.mllp().enabled()) {
            return;
        }
        context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        server = context.newServer(config.mllp().port(), false);
        server.registerApplication("*", "*", receiver);
        server.setExceptionHandler(receiver);
        server.startAndWait();
        LOG.infof("HL7 v2 MLLP listener on port %d", config.mllp().port());
    }

    void stop(@Observes ShutdownEvent stop) throws IOException {
        if (server != null) {
            server.stopAndWait();
            context.close();
        }
    }
}

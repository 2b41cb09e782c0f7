package org.patientoutreach.triggers.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationExceptionHandler;
import ca.uhn.hl7v2.util.Terser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.triggers.TriggersConfig;
import org.patientoutreach.triggers.intake.InteractionPublisher;
import org.patientoutreach.triggers.patient.PatientDirectory;
import org.patientoutreach.triggers.patient.PatientDirectory.ReceivedIdentifier;

/**
 * Answers every message received over MLLP. AA once the interaction is on ehr.patient-interactions; AR for a
 * message that is not a supported ADT event and AE for a patient we cannot identify, both also kept on the
 * dead-letter topic with the reason; unparseable messages get HAPI's NAK and are dead-lettered by
 * {@link #processException}. A broker outage answers AE without a dead letter: the sender keeps the message and
 * resends it, and the control id makes the resend harmless.
 */
@ApplicationScoped
public class AdtReceiver implements ReceivingApplication<Message>, ReceivingApplicationExceptionHandler {

    static final String DOOR = "mllp";
    private static final Logger LOG = Logger.getLogger(AdtReceiver.class);

    private final PatientDirectory patients;
    private final InteractionPublisher publisher;
    private final TriggersConfig config;

    public AdtReceiver(PatientDirectory patients, InteractionPublisher publisher, TriggersConfig config) {
        this.patients = patients;
        this.publisher = publisher;
        this.config = config;
    }

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        Terser terser = new Terser(message);
        String controlId = AdtMapper.controlId(terser);
        String event = AdtMapper.event(terser);
        InteractionType type = "ADT".equals(AdtMapper.messageType(terser)) ? AdtEvents.TYPES.get(event) : null;
        if (type == null) {
            String reason = "unsupported message type " + AdtMapper.messageType(terser) + "^" + event
                    + "; accepted: ADT " + AdtEvents.TYPES.keySet().stream().sorted().toList();
            return refuse(message, controlId, AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_EVENT_CODE, reason);
        }
        List<ReceivedIdentifier> identifiers = AdtMapper.identifiers(terser);
        Optional<String> patientId = patients.resolve(identifiers);
        if (patientId.isEmpty()) {
            return refuse(message, controlId, AcknowledgmentCode.AE, ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    identifiers.isEmpty() ? "unknown patient: PID-3 carries no identifier"
                            : "unknown patient: no single patient has the identifier(s) in PID-3");
        }
        try {
            publisher.publish(AdtMapper.toInteraction(terser, type, patientId.get(), config.mllp().defaultZone()));
        } catch (RuntimeException e) {
            LOG.warnf("HL7 message %s could not be stored (%s); answered AE so that the sender resends it",
                    controlId, e.getClass().getSimpleName());
            return ack(message, AcknowledgmentCode.AE, new HL7Exception("temporarily unable to store the message; "
                    + "resend it", ErrorCode.APPLICATION_INTERNAL_ERROR));
        }
        LOG.debugf("HL7 %s message %s accepted for patient %s", event, controlId, patientId.get());
        return ack(message, AcknowledgmentCode.AA, null);
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }

    /** Called by HAPI for a message it could not parse; its NAK goes back unchanged, the message to the DLQ. */
    @Override
    public String processException(String incoming, Map<String, Object> metadata, String outgoing, Exception e) {
        String reason = "unparseable HL7 v2 message (" + e.getClass().getSimpleName() + ")";
        deadLetter(incoming == null ? "" : incoming, "unparsed", reason);
        return outgoing;
    }

    private Message refuse(Message message, String controlId, AcknowledgmentCode code, ErrorCode error, String reason)
            throws HL7Exception {
        String raw;
        try {
            raw = message.encode();
        } catch (HL7Exception e) {
            raw = "";
        }
        deadLetter(raw, controlId, reason);
        return ack(message, code, new HL7Exception(reason, error));
    }

    private void deadLetter(String raw, String key, String reason) {
        try {
            publisher.deadLetter(DOOR, key == null ? "unknown" : key, reason, raw.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.errorf("HL7 message %s could not be dead-lettered (%s)", key, e.getClass().getSimpleName());
        }
    }

    private static Message ack(Message message, AcknowledgmentCode code, HL7Exception error) throws HL7Exception {
        try {
            return error == null ? message.generateACK() : message.generateACK(code, error);
        } catch (IOException e) {
            throw new HL7Exception("could not build the acknowledgement", e);
        }
    }
}

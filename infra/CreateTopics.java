import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the platform's topics and their dead-letter topics if missing. Run by the launcher with the broker's
 * classpath as a single-file program: java -cp KAFKA_CP infra/CreateTopics.java BOOTSTRAP.
 */
public class CreateTopics {

    static final List<String> TOPICS = List.of("ehr.patient-interactions", "ehr.fhir-resources", "patients.profiles",
            "segments.membership-changed", "triggers.fired", "emails.send-requested", "emails.delivery-events",
            "events.registrations", "events.catalog");
    static final Set<String> COMPACTED = Set.of("patients.profiles", "events.catalog");

    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "127.0.0.1:9092");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, 3, (short) 1);
                    if (COMPACTED.contains(topic)) {
                        t.configs(Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(t);
                }
                if (!existing.contains(topic + ".dlq")) {
                    missing.add(new NewTopic(topic + ".dlq", 1, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics ready (" + missing.size() + " created)");
        }
    }
}

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
 * classpath as a single-file program: java -cp KAFKA_CP infra/CreateTopics.java BOOTSTRAP [--recreate].
 * With --recreate it first deletes every non-internal topic: the end-to-end run then starts from empty topics instead
 * of behind whatever module tests and benchmarks left there.
 */
public class CreateTopics {

    static final List<String> TOPICS = List.of("ehr.patient-interactions", "ehr.fhir-resources", "patients.profiles",
            "segments.membership-changed", "triggers.fired", "emails.send-requested", "emails.delivery-events",
            "events.registrations", "journeys.instance-ended", "events.catalog", "segments.catalog", "emails.catalog",
            "triggers.catalog");
    static final Set<String> COMPACTED = Set.of("patients.profiles", "events.catalog", "segments.catalog",
            "emails.catalog", "triggers.catalog");

    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "127.0.0.1:9092");
        try (Admin admin = Admin.create(config)) {
            if (args.length > 1 && args[1].equals("--recreate")) {
                deleteAll(admin);
            }
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

    /** Deletes every topic except Kafka's internal ones and waits until the broker has let them go. */
    static void deleteAll(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics().names().get();
        if (topics.isEmpty()) {
            return;
        }
        admin.deleteTopics(topics).all().get();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!admin.listTopics().names().get().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("topics still present 60 s after deletion");
            }
            Thread.sleep(200);
        }
        System.out.println("topics deleted (" + topics.size() + ")");
    }
}

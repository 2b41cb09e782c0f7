package org.patientoutreach.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A service's own {@code application.properties}, as the launcher runs it: tests read the settings they check from
 * there instead of keeping copies that drift.
 */
final class ServiceConfig {

    private ServiceConfig() {
    }

    static Properties of(String service) {
        Path file = repository().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    /** One setting that must be there. */
    static String required(String service, String name) {
        String value = of(service).getProperty(name);
        if (value == null) {
            throw new IllegalStateException(service + " does not set " + name);
        }
        return value.trim();
    }

    private static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("outreach"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }
}

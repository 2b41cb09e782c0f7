package org.patientoutreach.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads mailboxes of the real GreenMail SMTP server through its HTTP API. */
public final class GreenMailClient {

    public static final String API = System.getProperty("greenmail.api",
            System.getenv().getOrDefault("GREENMAIL_API", "http://127.0.0.1:8025"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** One delivered message as GreenMail reports it. */
    public record Mail(String subject, String mimeMessage) {
    }

    public List<Mail> inbox(String address) {
        String url = API + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 || response.statusCode() == 400) {
                return List.of(); // the user does not exist until a message arrives
            }
            List<Mail> mails = new ArrayList<>();
            for (JsonNode node : JSON.readTree(response.body())) {
                mails.add(new Mail(node.path("subject").asText(), node.path("mimeMessage").asText()));
            }
            return mails;
        } catch (IOException e) {
            throw new IllegalStateException("GreenMail API not reachable at " + API, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code address} holds at least {@code count} messages; fails after {@code timeout}. */
    public List<Mail> awaitInbox(String address, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mail> mails = inbox(address);
            if (mails.size() >= count) {
                return mails;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " message(s) within " + timeout + ", found " + mails.size());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

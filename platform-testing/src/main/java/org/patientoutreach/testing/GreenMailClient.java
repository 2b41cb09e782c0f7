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

/** Reads (and empties) the mailboxes of a real GreenMail SMTP server through its HTTP API. */
public final class GreenMailClient {

    public static final String API = System.getProperty("greenmail.api",
            System.getenv().getOrDefault("GREENMAIL_API", "http://127.0.0.1:8025"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    /** The development server the launcher starts ({@link #API}). */
    public GreenMailClient() {
        this(API);
    }

    /** A GreenMail of a test's own, by its API's base address. */
    public GreenMailClient(String api) {
        this.api = api;
    }

    /** One delivered message as GreenMail reports it. */
    public record Mail(String subject, String mimeMessage) {
    }

    /** Every message in {@code address}'s inbox, oldest first (none before its first message arrives). */
    public List<Mail> inbox(String address) {
        List<Mail> mails = new ArrayList<>();
        for (JsonNode node : get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX")) {
            mails.add(new Mail(node.path("subject").asText(), node.path("mimeMessage").asText()));
        }
        return mails;
    }

    /** Every address GreenMail has a mailbox for (one appears with its first message). */
    public List<String> users() {
        List<String> users = new ArrayList<>();
        for (JsonNode user : get("/api/user")) {
            users.add(user.path("email").asText());
        }
        return users;
    }

    /** Drops every message the server holds. */
    public void purge() {
        send(HttpRequest.newBuilder(URI.create(api + "/api/mail/purge")).timeout(READ_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).timeout(READ_TIMEOUT).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            // A bounded wait: a GreenMail whose heap is full stops answering, and a test must fail, not hang.
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 || response.statusCode() == 400) {
                return JSON.createArrayNode(); // no mailbox until its first message arrives
            }
            if (response.statusCode() != 200) {
                // The path may hold an address: only the status goes into the message.
                throw new IllegalStateException("GreenMail answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GreenMail API not reachable at " + api, e);
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

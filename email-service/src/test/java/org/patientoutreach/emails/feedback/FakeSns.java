package org.patientoutreach.emails.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Amazon SNS as the webhook meets it: a signing key with its certificate (made by the JDK's keytool), the certificate
 * served over HTTP at the origin the test profile trusts, the subscription confirmations it receives, and messages
 * signed the way the SNS documentation describes, written out here on their own so that a wrong string-to-sign in the
 * service cannot agree with itself.
 */
final class FakeSns implements AutoCloseable {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:outreach-ses-feedback";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PrivateKey key;
    private final List<String> confirmations = new CopyOnWriteArrayList<>();

    private FakeSns(PrivateKey key, String certificatePem) throws IOException {
        this.key = key;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/SimpleNotificationService-7e57c0de.pem", exchange -> answer(exchange, certificatePem));
        server.createContext("/confirm", exchange -> {
            confirmations.add(exchange.getRequestURI().getRawQuery());
            answer(exchange, "<ConfirmSubscriptionResponse/>");
        });
        server.start();
    }

    static FakeSns start() throws Exception {
        Path store = Files.createTempDirectory("fake-sns").resolve("sns.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=sns.amazonaws.com", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        } finally {
            Files.deleteIfExists(store); // the key lives on in memory only
            Files.deleteIfExists(store.getParent());
        }
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' })
                .encodeToString(keys.getCertificate("sns").getEncoded()) + "\n-----END CERTIFICATE-----\n";
        return new FakeSns((PrivateKey) keys.getKey("sns", PASSWORD), pem);
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String certificateUrl() {
        return origin() + "/SimpleNotificationService-7e57c0de.pem";
    }

    List<String> confirmations() {
        return confirmations;
    }

    /** A notification of {@link #TOPIC} carrying {@code sesNotification}, signed with SignatureVersion 2. */
    Map<String, String> notification(String sesNotification) {
        return notification(sesNotification, null);
    }

    /** The same with a Subject, which SNS then signs too. */
    Map<String, String> notification(String sesNotification, String subject) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "Notification");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("TopicArn", TOPIC);
        if (subject != null) {
            message.put("Subject", subject);
        }
        message.put("Message", sesNotification);
        message.put("Timestamp", Instant.now().toString());
        message.put("SignatureVersion", "2");
        message.put("SigningCertURL", certificateUrl());
        return signed(message, "Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    }

    /** A subscription confirmation of {@link #TOPIC} whose SubscribeURL is this fake's, signed (version 1). */
    Map<String, String> confirmation() {
        return confirmation("SubscriptionConfirmation");
    }

    /** SubscriptionConfirmation or UnsubscribeConfirmation: the same fields, signed alike. */
    Map<String, String> confirmation(String type) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", type);
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("Token", "token-" + UUID.randomUUID());
        message.put("TopicArn", TOPIC);
        message.put("Message", "You have chosen to subscribe to the topic " + TOPIC
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        message.put("SubscribeURL", origin() + "/confirm?Action=ConfirmSubscription&Token=" + message.get("Token"));
        message.put("Timestamp", Instant.now().toString());
        message.put("SignatureVersion", "1");
        message.put("SigningCertURL", certificateUrl());
        return signed(message, "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    }

    /** Signs {@code message} over the named fields, each as "Name\nvalue\n", skipping absent ones. */
    private Map<String, String> signed(Map<String, String> message, String... fields) {
        StringBuilder toSign = new StringBuilder();
        for (String field : fields) {
            if (message.containsKey(field)) {
                toSign.append(field).append('\n').append(message.get(field)).append('\n');
            }
        }
        try {
            Signature signature = Signature.getInstance(
                    message.get("SignatureVersion").equals("1") ? "SHA1withRSA" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
            message.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            return message;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Map<String, String> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

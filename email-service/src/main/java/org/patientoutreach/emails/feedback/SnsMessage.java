package org.patientoutreach.emails.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A message Amazon SNS posts to an HTTPS subscription: a subscription (or unsubscription) confirmation, or a
 * notification whose {@code Message} is, for this service, an Amazon SES bounce or complaint notification.
 */
record SnsMessage(String type, String messageId, String topicArn, String subject, String message, String timestamp,
        String token, String subscribeUrl, String signatureVersion, String signature, String signingCertUrl) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /** The fields SNS signs, in the order it signs them, for each kind of message (Subject only when present). */
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS = List.of("Message", "MessageId", "SubscribeURL",
            "Timestamp", "Token", "TopicArn", "Type");

    /** Why a body is not an SNS message this service can check; names the field, never its value. */
    static final class Malformed extends Exception {
        final String field;

        Malformed(String field, String reason) {
            super(reason);
            this.field = field;
        }
    }

    static SnsMessage of(JsonNode json) throws Malformed {
        String type = required(json, "Type");
        boolean notification = type.equals(NOTIFICATION);
        if (!notification && !type.equals(SUBSCRIPTION_CONFIRMATION) && !type.equals(UNSUBSCRIBE_CONFIRMATION)) {
            throw new Malformed("Type", "is not a kind of message Amazon SNS sends to HTTPS subscribers");
        }
        return new SnsMessage(type, required(json, "MessageId"), required(json, "TopicArn"), optional(json, "Subject"),
                required(json, "Message"), required(json, "Timestamp"), notification ? null : required(json, "Token"),
                notification ? null : required(json, "SubscribeURL"), required(json, "SignatureVersion"),
                required(json, "Signature"), required(json, "SigningCertURL"));
    }

    /** "Name\nvalue\n" for each signed field (docs.aws.amazon.com/sns: verifying the signatures of SNS messages). */
    String stringToSign() {
        StringBuilder signed = new StringBuilder();
        for (String field : type.equals(NOTIFICATION) ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS) {
            String value = value(field);
            if (value != null) {
                signed.append(field).append('\n').append(value).append('\n');
            }
        }
        return signed.toString();
    }

    private String value(String field) {
        return switch (field) {
            case "Message" -> message;
            case "MessageId" -> messageId;
            case "Subject" -> subject;
            case "SubscribeURL" -> subscribeUrl;
            case "Timestamp" -> timestamp;
            case "Token" -> token;
            case "TopicArn" -> topicArn;
            case "Type" -> type;
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static String required(JsonNode json, String field) throws Malformed {
        String value = optional(json, field);
        if (value == null || value.isEmpty()) {
            throw new Malformed(field, "is required");
        }
        return value;
    }

    private static String optional(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }
}

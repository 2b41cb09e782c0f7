package org.patientoutreach.emails.feedback;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * Reads a report a mail system sends back about an email, as it arrives in a bounce mailbox: a delivery status
 * notification (RFC 3464, {@code multipart/report; report-type=delivery-status}) or a spam complaint in the Abuse
 * Reporting Format (RFC 5965, {@code report-type=feedback-report}). What it needs from it: the Message-ID of the
 * original email (from the returned message or its headers) and what happened. Pure parsing: nothing here is logged,
 * since a report quotes the recipient's address and part of the email.
 */
record DeliveryReport(String messageId, DeliveryFeedback type) {

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary\\s*=\\s*(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern STATUS = Pattern.compile("^([245])\\.\\d{1,3}\\.\\d{1,3}");

    /** Why a text is not a report this service can use; the message names no content of the report. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason);
        }
    }

    /**
     * The report's finding, or empty when it reports nothing to act on (a delivery that succeeded or was relayed).
     */
    static Optional<DeliveryReport> parse(String raw) throws Unreadable {
        Part message = Part.of(raw.replace("\r\n", "\n"));
        String contentType = message.header("content-type");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            throw new Unreadable("not a multipart/report");
        }
        List<Part> parts = message.parts(boundary(contentType));
        String messageId = messageId(parts);
        for (Part part : parts) {
            if (part.type().equals("message/delivery-status")) {
                return bounce(part.decodedBody()).map(type -> new DeliveryReport(messageId, type));
            }
            if (part.type().equals("message/feedback-report")) {
                // abuse and fraud are the recipient's complaint; virus, other and not-spam ask nothing of us
                String feedbackType = Part.of(part.decodedBody()).header("feedback-type").strip()
                        .toLowerCase(Locale.ROOT);
                return feedbackType.equals("abuse") || feedbackType.equals("fraud")
                        ? Optional.of(new DeliveryReport(messageId, DeliveryFeedback.COMPLAINT)) : Optional.empty();
            }
        }
        throw new Unreadable("no delivery-status or feedback-report part");
    }

    /** The Message-ID of the returned email, or of its returned headers. */
    private static String messageId(List<Part> parts) throws Unreadable {
        for (Part part : parts) {
            if (part.type().equals("message/rfc822") || part.type().equals("text/rfc822-headers")) {
                String id = Part.of(part.decodedBody()).header("message-id").strip();
                if (!id.isEmpty()) {
                    return id;
                }
            }
        }
        throw new Unreadable("no Message-ID of the original email");
    }

    /**
     * The recipient blocks of a delivery-status part (the block before them is about the message): a permanent
     * failure (Action failed, Status 5.x.x) is a hard bounce, a transient one (4.x.x, or Action delayed) a soft bounce;
     * the most severe recipient counts, as our emails have one recipient each.
     */
    private static Optional<DeliveryFeedback> bounce(String deliveryStatus) throws Unreadable {
        String[] blocks = deliveryStatus.strip().split("\n\\s*\n");
        if (blocks.length < 2) {
            throw new Unreadable("a delivery-status part without recipients");
        }
        Optional<DeliveryFeedback> worst = Optional.empty();
        for (int i = 1; i < blocks.length; i++) {
            Part recipient = Part.of(blocks[i] + "\n\n");
            String action = recipient.header("action").strip().toLowerCase(Locale.ROOT);
            Matcher status = STATUS.matcher(recipient.header("status").strip());
            if (action.isEmpty() || !status.find()) {
                throw new Unreadable("a recipient block without Action or Status");
            }
            DeliveryFeedback found = switch (action) {
                case "failed" -> status.group(1).equals("5")
                        ? DeliveryFeedback.HARD_BOUNCE : DeliveryFeedback.SOFT_BOUNCE;
                case "delayed" -> DeliveryFeedback.SOFT_BOUNCE;
                default -> null; // delivered, relayed, expanded: nothing went wrong
            };
            if (found != null && (worst.isEmpty() || found.moreSevereThan(worst.get()))) {
                worst = Optional.of(found);
            }
        }
        return worst;
    }

    private static String boundary(String contentType) throws Unreadable {
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            throw new Unreadable("a multipart/report without a boundary");
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    }

    /** Headers (unfolded, names in lower case; the first of each name) and body of a message or a MIME part. */
    private record Part(Map<String, String> headers, String body) {

        static Part of(String text) {
            int end = text.indexOf("\n\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 2);
            Map<String, String> headers = new LinkedHashMap<>();
            String name = null;
            for (String line : head.split("\n")) {
                if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                    headers.computeIfPresent(name, (n, value) -> value + " " + line.strip());
                } else if (line.indexOf(':') > 0) {
                    name = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                    headers.putIfAbsent(name, line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return new Part(headers, body);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        /** The media type, lower case, without parameters; text/plain when absent (RFC 2045). */
        String type() {
            String value = header("content-type");
            int semicolon = value.indexOf(';');
            String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            return type.isEmpty() ? "text/plain" : type;
        }

        /**
         * The body with its Content-Transfer-Encoding undone. RFC 3464 asks for 7-bit report parts, but gateways
         * (Exchange among them) re-encode parts as base64 or quoted-printable on their way.
         */
        String decodedBody() throws Unreadable {
            String encoding = header("content-transfer-encoding").strip().toLowerCase(Locale.ROOT);
            try {
                return switch (encoding) {
                    case "base64" -> new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8)
                            .replace("\r\n", "\n");
                    case "quoted-printable" -> quotedPrintable(body);
                    default -> body;
                };
            } catch (IllegalArgumentException e) {
                throw new Unreadable("a " + encoding + " part that does not decode");
            }
        }

        /**
         * RFC 2045 section 6.7: soft line breaks ("=" at a line's end) go, "=XX" is the byte XX; an "=" followed by
         * anything else stays as it is, as the RFC advises a lenient reader.
         */
        private static String quotedPrintable(String text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
            String joined = text.replaceAll("=[ \t]*\n", "");
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length() && HexFormat.isHexDigit(joined.charAt(i + 1))
                        && HexFormat.isHexDigit(joined.charAt(i + 2))) {
                    out.write(HexFormat.fromHexDigits(joined, i + 1, i + 3));
                    i += 2;
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        }

        List<Part> parts(String boundary) throws Unreadable {
            String delimiter = "\n--" + boundary;
            String text = "\n" + body;
            int start = text.indexOf(delimiter);
            List<Part> parts = new ArrayList<>();
            while (start >= 0) {
                int lineEnd = text.indexOf('\n', start + delimiter.length());
                if (text.startsWith("--", start + delimiter.length()) || lineEnd < 0) {
                    break; // the closing delimiter
                }
                int next = text.indexOf(delimiter, lineEnd);
                parts.add(Part.of(text.substring(lineEnd + 1, next < 0 ? text.length() : next)));
                start = next;
            }
            if (parts.isEmpty()) {
                throw new Unreadable("a multipart/report without parts");
            }
            return parts;
        }
    }
}

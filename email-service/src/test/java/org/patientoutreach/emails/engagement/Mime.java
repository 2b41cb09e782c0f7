package org.patientoutreach.emails.engagement;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough MIME for tests: the top-level headers and the decoded text/html part of a raw message. */
public record Mime(Map<String, String> headers, String html) {

    private static final Pattern HTML_PART = Pattern.compile(
            "(?is)\r?\n((?:[^\r\n]+\r?\n)*?content-type:\\s*text/html[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*)\r?\n(.*?)(?:\r?\n--|$)");

    public static Mime parse(String raw) {
        String head = raw.split("\r?\n\r?\n", 2)[0];
        Matcher part = HTML_PART.matcher(raw);
        if (!part.find()) {
            throw new AssertionError("the mail has no text/html part");
        }
        String encoding = headersOf(part.group(1)).getOrDefault("content-transfer-encoding", "7bit");
        return new Mime(headersOf(head), decode(part.group(2), encoding.toLowerCase(Locale.ROOT)));
    }

    public String header(String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new AssertionError("the mail has no " + name + " header");
        }
        return value;
    }

    /** The first group of the first match of {@code regex} in the HTML body. */
    public String find(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("the HTML body has nothing matching " + regex);
        }
        return matcher.group(1);
    }

    private static Map<String, String> headersOf(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 5322 folding: a line starting with white space continues the previous header
        for (String line : block.replaceAll("\r?\n[ \t]+", " ").split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String decode(String body, String encoding) {
        return switch (encoding) {
            case "base64" -> new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            case "quoted-printable" -> decodeQuotedPrintable(body);
            default -> body;
        };
    }

    /** Quoted-printable (soft breaks removed, =XX bytes) back to UTF-8 text. */
    public static String decodeQuotedPrintable(String body) {
        String joined = body.replaceAll("=\r?\n", "");
        byte[] out = new byte[joined.length()];
        int n = 0;
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out[n++] = (byte) Integer.parseInt(joined.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}

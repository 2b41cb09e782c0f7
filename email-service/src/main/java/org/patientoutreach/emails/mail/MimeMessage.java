package org.patientoutreach.emails.mail;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes the one shape of message this service sends, HTML with an optional plain-text alternative, as the bytes of
 * an SMTP DATA section: CRLF line ends, nothing longer than 76 characters, no line starting with a dot (so it needs no
 * dot-stuffing), the terminating dot left to the caller. Bodies are quoted-printable UTF-8 (RFC 2045); the subject and
 * the sender's name are RFC 2047 encoded words when they are not plain short ASCII. Written for speed: it was a tenth
 * of the service's CPU under a campaign with a general-purpose encoder, which built a date formatter per message and
 * a string the session then copied twice.
 */
final class MimeMessage {

    /** A boundary that quoted-printable text cannot contain: there "=" is always followed by hex digits or a CRLF. */
    private static final String BOUNDARY = "=_po_alternative";
    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] out;
    private int size;

    private MimeMessage(int capacity) {
        out = new byte[capacity];
    }

    /**
     * @param from the From header's value, already an address or a quoted display name with an address
     * @param headers further headers (Message-ID, List-Unsubscribe): our own values, written as they are
     */
    static byte[] encode(String from, String to, String subject, String html, String text,
            Map<String, String> headers) {
        MimeMessage message = new MimeMessage(2 * (html.length() + (text == null ? 0 : text.length())) + 1024);
        message.header("MIME-Version", "1.0");
        message.header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        message.header("From", from);
        message.header("To", to);
        message.encodedHeader("Subject", subject);
        headers.forEach(message::header);
        if (text == null || text.isEmpty()) {
            message.part(html, "html");
            if (!message.atLineStart()) {
                message.crlf();
            }
        } else {
            message.header("Content-Type", "multipart/alternative; boundary=\"" + BOUNDARY + "\"");
            message.crlf();
            message.ascii("--" + BOUNDARY);
            message.crlf();
            message.part(text, "plain");
            message.crlf(); // the line break before a boundary belongs to the boundary, not to the body
            message.ascii("--" + BOUNDARY);
            message.crlf();
            message.part(html, "html");
            message.crlf();
            message.ascii("--" + BOUNDARY + "--");
            message.crlf();
        }
        return Arrays.copyOf(message.out, message.size);
    }

    /** The display name as a From header value: quoted ASCII, or an encoded word when it holds anything else. */
    static String from(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        String flat = name.replace('\r', ' ').replace('\n', ' ');
        // a quote or backslash cannot stand in a quoted name; in an encoded word it is just another byte
        String shown = plainAscii(flat)
                ? "\"" + flat.replace('"', ' ').replace('\\', ' ') + "\""
                : encodedWords(flat, "From: ".length());
        return shown + " <" + address + ">";
    }

    private void part(String body, String subtype) {
        header("Content-Type", "text/" + subtype + "; charset=UTF-8");
        header("Content-Transfer-Encoding", "quoted-printable");
        crlf();
        quotedPrintable(body);
    }

    /** A header whose value we wrote ourselves; a line break in it would start a header of its own, so none stays. */
    private void header(String name, String value) {
        ascii(name);
        ascii(": ");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            put(c == '\r' || c == '\n' ? ' ' : c < 128 ? c : '?'); // flattened as it is written: no copy of the value
        }
        crlf();
    }

    /** A header whose value comes from a template and a patient's data: any text, folded into encoded words. */
    private void encodedHeader(String name, String value) {
        String flat = value.replace('\r', ' ').replace('\n', ' ');
        if (plainAscii(flat) && name.length() + 2 + flat.length() <= MAX_LINE) {
            header(name, flat);
            return;
        }
        ascii(name);
        ascii(": ");
        ascii(encodedWords(flat, name.length() + 2));
        crlf();
    }

    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return !value.contains("=?");
    }

    /**
     * RFC 2047 Q-encoded words of at most 75 characters each, on folded lines; a UTF-8 sequence is never split between
     * two words. {@code firstLineUsed} is what the header's name takes of the first line.
     */
    static String encodedWords(String value, int firstLineUsed) {
        String open = "=?UTF-8?Q?";
        StringBuilder words = new StringBuilder(value.length() * 3 + 32);
        StringBuilder word = new StringBuilder(open);
        int lineUsed = firstLineUsed;
        int i = 0;
        while (i < value.length()) {
            int codePoint = value.codePointAt(i);
            String encoded = qEncoded(codePoint);
            int closed = word.length() + encoded.length() + 2; // with the "?=" that closes the word
            if (closed > 75 || lineUsed + closed > MAX_LINE) {
                if (word.length() > open.length()) {
                    words.append(word).append("?=").append("\r\n ");
                    lineUsed = 1;
                    word.setLength(open.length());
                }
            }
            word.append(encoded);
            i += Character.charCount(codePoint);
        }
        return words.append(word).append("?=").toString();
    }

    /** One character in an encoded word: letters and digits as they are, a space as "_", the rest as =XX bytes. */
    private static String qEncoded(int codePoint) {
        if (codePoint == ' ') {
            return "_";
        }
        if ((codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
                || (codePoint >= '0' && codePoint <= '9') || codePoint == '!' || codePoint == '*' || codePoint == '+'
                || codePoint == '-' || codePoint == '/') {
            return String.valueOf((char) codePoint);
        }
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder(3 * bytes.length);
        for (byte b : bytes) {
            hex.append('=').append((char) HEX[(b >> 4) & 0xF]).append((char) HEX[b & 0xF]);
        }
        return hex.toString();
    }

    /**
     * Quoted-printable UTF-8 with CRLF line ends: "=" and anything outside printable ASCII as =XX, white space before a
     * line end and a dot at a line's start encoded too (no stuffing needed), soft breaks keeping lines within 76. The
     * last line is left open: what follows (a boundary, or the end of DATA) brings its own line break.
     */
    private void quotedPrintable(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int column = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue; // the \n that follows ends the line
            }
            if (b == '\n' || b == '\r') {
                crlf();
                column = 0;
                continue;
            }
            boolean lineEndsHere = i + 1 == bytes.length || bytes[i + 1] == '\n' || bytes[i + 1] == '\r';
            boolean literal = b >= '!' && b <= '~' && b != '=' && !(b == '.' && column == 0)
                    || (b == ' ' || b == '\t') && !lineEndsHere;
            int width = literal ? 1 : 3;
            // a soft break ("=") must fit too, unless this is the line's last character
            if (column + width > (lineEndsHere ? MAX_LINE : MAX_LINE - 1)) {
                put('=');
                crlf();
                column = 0;
                if (b == '.') {
                    literal = false;
                    width = 3;
                }
            }
            if (literal) {
                put(b);
            } else {
                put('=');
                put(HEX[b >> 4]);
                put(HEX[b & 0xF]);
            }
            column += width;
        }
    }

    private boolean atLineStart() {
        return size >= 2 && out[size - 2] == '\r' && out[size - 1] == '\n';
    }

    private void ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            put(c < 128 ? c : '?'); // our own header values are ASCII; this only keeps a stray one from breaking SMTP
        }
    }

    private void crlf() {
        put('\r');
        put('\n');
    }

    private void put(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[size++] = (byte) b;
    }
}

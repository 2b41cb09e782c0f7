package org.patientoutreach.emails.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.engagement.Mime;

/**
 * The encoder's output read back as a mail reader would: the bodies decode to exactly what was rendered, whatever
 * the text holds, and the bytes are a valid SMTP DATA section (CRLF only, short lines, no line that starts with a dot).
 */
class MimeMessageTest {

    private static final Map<String, String> HEADERS = Map.of("Message-ID", "<r-1@patientoutreach.local>",
            "List-Unsubscribe", "<https://outreach.example/u/token>");

    @Test
    void bodiesDecodeToWhatWasRenderedWhateverTheTextHolds() {
        Random random = new Random(7);
        for (int n = 0; n < 500; n++) {
            String html = randomText(random);
            String text = "plain " + randomText(random);
            String data = encode("Hello", html, text);

            assertValidData(data);
            assertEquals(lineEndsAsCrLf(html), Mime.parse(data).html(), "the HTML part of message " + n);
            assertEquals(lineEndsAsCrLf(text), plainPart(data), "the text part of message " + n);
        }
    }

    @Test
    void aLineThatStartsWithADotCannotEndTheMessageEarly() {
        String html = ".\n.first\n" + "x".repeat(75) + ".tail";
        String alone = encode("Hi", html, null);
        String withText = encode("Hi", html, ".");

        assertValidData(alone);
        assertValidData(withText);
        assertEquals(".\r\n.first\r\n" + "x".repeat(75) + ".tail", Mime.parse(alone).html());
        assertEquals(".\r\n.first\r\n" + "x".repeat(75) + ".tail", Mime.parse(withText).html());
        assertEquals(".", plainPart(withText));
    }

    @Test
    void aSubjectWithLineBreaksStaysOneHeaderAndDecodesToItsText() {
        String subject = "Zoë, your visit\r\nBcc: attacker@example.com — 日本語 and a long tail that needs folding";

        String data = encode(subject, "<p>x</p>", null);

        assertValidData(data);
        Mime mime = Mime.parse(data);
        assertFalse(mime.headers().containsKey("bcc"), "a line break in the subject must not start a header");
        assertEquals(subject.replace('\r', ' ').replace('\n', ' '), decodeWords(mime.header("Subject")));
        assertEquals("<p>x</p>", mime.html());
    }

    @Test
    void aPlainShortSubjectAndTheSendersNameAreWrittenAsTheyAre() {
        String data = encode("Time for your eye exam", "<p>x</p>", "x");

        Mime mime = Mime.parse(data);
        assertEquals("Time for your eye exam", mime.header("Subject"));
        assertEquals("\"Care Team\" <care@example.org>", mime.header("From"));
        assertEquals("<r-1@patientoutreach.local>", mime.header("Message-ID"));
        assertEquals("=?UTF-8?Q?Cl=C3=ADnica_=22Sur=22?= <care@example.org>",
                MimeMessage.from("Clínica \"Sur\"", "care@example.org"));
    }

    /** Up to 400 characters: ASCII, "=", dots and white space at line ends, and one to four UTF-8 bytes each. */
    private static String randomText(Random random) {
        String[] pieces = { "a", "b", "Z", "0", " ", "\t", "=", ".", "\n", "\r\n", "<", "\"", "&", "é", "€", "😀", "日本",
            " .\n.", "=\n" };
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(400);
        while (text.length() < length) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private static String encode(String subject, String html, String text) {
        return new String(MimeMessage.encode(MimeMessage.from("Care Team", "care@example.org"), "p@example.org",
                subject, html, text, new LinkedHashMap<>(HEADERS)), StandardCharsets.US_ASCII);
    }

    /** SMTP DATA: ASCII, every line ended by CRLF and at most 76 characters long, none starting with a dot. */
    private static void assertValidData(String data) {
        assertTrue(data.endsWith("\r\n"), "the last line is terminated");
        for (String line : data.split("\r\n", -1)) {
            assertFalse(line.contains("\r") || line.contains("\n"), "a bare CR or LF: " + line);
            assertFalse(line.startsWith("."), "a line starting with a dot: " + line);
            assertTrue(line.length() <= 76 || line.startsWith("List-Unsubscribe"), "a line of " + line.length());
            assertTrue(line.chars().allMatch(c -> c < 128), "a byte outside ASCII: " + line);
        }
    }

    private static String lineEndsAsCrLf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** The decoded text/plain part (the test helper {@link Mime} reads the HTML one). */
    private static String plainPart(String data) {
        int start = data.indexOf("Content-Type: text/plain");
        int end = data.indexOf("\r\n--=_po_alternative", start);
        return Mime.decodeQuotedPrintable(data.substring(data.indexOf("\r\n\r\n", start) + 4, end));
    }

    /** RFC 2047 Q words back to text: folding removed, adjacent words joined, "_" a space. */
    private static String decodeWords(String value) {
        StringBuilder bytes = new StringBuilder();
        for (String word : value.split("\\s+")) {
            assertTrue(word.startsWith("=?UTF-8?Q?") && word.endsWith("?="), "not an encoded word: " + word);
            assertTrue(word.length() <= 75, "an encoded word of " + word.length());
            bytes.append(word, 10, word.length() - 2);
        }
        return Mime.decodeQuotedPrintable(bytes.toString().replace('_', ' '));
    }
}

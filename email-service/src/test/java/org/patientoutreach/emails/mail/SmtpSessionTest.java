package org.patientoutreach.emails.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmtpSessionTest {

    @Test
    void dataLinesEndWithCrLfAndLeadingDotsAreDoubled() {
        String data = new String(SmtpSession.dataOf("Subject: Hi\n\n.first\nmiddle . dot\r\n.\nlast"),
                StandardCharsets.UTF_8);

        assertEquals("Subject: Hi\r\n\r\n..first\r\nmiddle . dot\r\n..\r\nlast\r\n", data,
                "a lone dot would end the message early");
    }
}

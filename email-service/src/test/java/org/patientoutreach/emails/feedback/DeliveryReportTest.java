package org.patientoutreach.emails.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.send.DeliveryFeedback;

/** Bounce and complaint reports as mail systems write them, read without any infrastructure. */
class DeliveryReportTest {

    private static final String ID = "<7c1e9b2a-1111-4c3d-9e8f-abcdefabcdef@patientoutreach.local>";

    @Test
    void aPermanentFailureIsAHardBounceOfTheReturnedEmailsMessageId() throws Exception {
        DeliveryReport report = DeliveryReport.parse(dsn(ID, "failed", "5.1.1", "message/rfc822", true)).orElseThrow();
        assertEquals(ID, report.messageId());
        assertEquals(DeliveryFeedback.HARD_BOUNCE, report.type());
    }

    @Test
    void aTransientFailureOrADelayIsASoftBounceAndASuccessReportsNothing() throws Exception {
        assertEquals(DeliveryFeedback.SOFT_BOUNCE,
                DeliveryReport.parse(dsn(ID, "failed", "4.2.2", "text/rfc822-headers", false)).orElseThrow().type());
        assertEquals(DeliveryFeedback.SOFT_BOUNCE,
                DeliveryReport.parse(dsn(ID, "delayed", "4.4.1", "message/rfc822", false)).orElseThrow().type());
        assertEquals(Optional.empty(), DeliveryReport.parse(dsn(ID, "delivered", "2.0.0", "message/rfc822", true)));
    }

    @Test
    void anAbuseReportIsAComplaintAndANotSpamReportIsNothing() throws Exception {
        String arf = """
                From: feedback@mailbox.example
                Content-Type: multipart/report; report-type=feedback-report; boundary=arf42

                --arf42
                Content-Type: text/plain

                This is an email abuse report.
                --arf42
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeFBL/1.0
                Version: 1

                --arf42
                Content-Type: text/rfc822-headers

                From: Care Team <care-team@patientoutreach.local>
                Message-ID: %s
                Subject: Your eye exam

                --arf42--
                """.formatted(ID);
        DeliveryReport report = DeliveryReport.parse(arf).orElseThrow();
        assertEquals(DeliveryFeedback.COMPLAINT, report.type());
        assertEquals(ID, report.messageId());
        String notSpam = arf.replace("Feedback-Type: abuse", "Feedback-Type: not-spam");
        assertEquals(Optional.empty(), DeliveryReport.parse(notSpam));
    }

    @Test
    void partsAGatewayReEncodedAsBase64OrQuotedPrintableAreReadDecoded() throws Exception {
        String status = "Reporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; jane.doe@mailbox.example\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n";
        // a soft line break inside the Message-ID, and "=" written as =3D, as quoted-printable encoders do
        String headers = "From: Care Team <care-team@patientoutreach.local>\nMessage-ID: " + ID.substring(0, 20) + "=\n"
                + ID.substring(20) + "\nSubject: Eye exam =3D due\n";
        String report = """
                Content-Type: multipart/report; report-type=delivery-status; boundary=gw

                --gw
                Content-Type: message/delivery-status
                Content-Transfer-Encoding: base64

                %s
                --gw
                Content-Type: text/rfc822-headers
                Content-Transfer-Encoding: Quoted-Printable

                %s
                --gw--
                """.formatted(Base64.getMimeEncoder().encodeToString(status.getBytes(StandardCharsets.US_ASCII)),
                headers);

        DeliveryReport read = DeliveryReport.parse(report).orElseThrow();
        assertEquals(ID, read.messageId());
        assertEquals(DeliveryFeedback.HARD_BOUNCE, read.type());
        // an "=" that starts no escape is passed through, as RFC 2045 advises, rather than losing the bounce
        assertEquals(ID, DeliveryReport.parse(report.replace("=3D", "=ZZ")).orElseThrow().messageId());
    }

    @Test
    void textThatIsNotAUsableReportIsUnreadableWithoutQuotingIt() {
        var plain = assertThrows(DeliveryReport.Unreadable.class,
                () -> DeliveryReport.parse("Subject: hello\n\nJane Doe, jane@example.org"));
        assertTrue(!plain.getMessage().contains("jane"), plain.getMessage());
        String withoutId = dsn(ID, "failed", "5.1.1", "message/rfc822", true).replace("Message-ID", "X-Id");
        assertThrows(DeliveryReport.Unreadable.class, () -> DeliveryReport.parse(withoutId));
        assertThrows(DeliveryReport.Unreadable.class,
                () -> DeliveryReport.parse(dsn(ID, "failed", "", "message/rfc822", true)));
        assertThrows(DeliveryReport.Unreadable.class, () -> DeliveryReport.parse(
                "Content-Type: multipart/report; report-type=delivery-status\n\nno boundary"));
    }

    /**
     * A DSN as Postfix writes it: CRLF line ends, the Content-Type folded with a quoted boundary, a human part, the
     * delivery-status part and the returned email (or its headers), whose own MIME parts have their own boundary.
     */
    static String dsn(String messageId, String action, String status, String returnedAs, boolean folded) {
        String boundary = "boundary=\"7A1B2C3D4E.1733500000/mx.example\"";
        String type = "Content-Type: multipart/report; report-type=delivery-status;" + (folded ? "\n\t" : " ")
                + boundary;
        return """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                %s

                This is a MIME-encapsulated message.

                --7A1B2C3D4E.1733500000/mx.example
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not be delivered.

                --7A1B2C3D4E.1733500000/mx.example
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example
                Arrival-Date: Sun,  6 Dec 2026 14:02:59 +0000 (UTC)

                Final-Recipient: rfc822; jane.doe@mailbox.example
                Original-Recipient: rfc822;jane.doe@mailbox.example
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@mailbox.example>: Recipient address rejected

                --7A1B2C3D4E.1733500000/mx.example
                Content-Description: Undelivered Message
                Content-Type: %s

                From: Care Team <care-team@patientoutreach.local>
                To: jane.doe@mailbox.example
                Message-ID:
                 %s
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain

                Hello Jane
                --inner--

                --7A1B2C3D4E.1733500000/mx.example--
                """.formatted(type, action, status, returnedAs, messageId).replace("\n", "\r\n");
    }
}

package org.patientoutreach.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patientoutreach.testing.GreenMailClient;

/**
 * What the SMTP server (GreenMail) holds, read through its HTTP API: every message in each given inbox, with its
 * subject and Message-ID. email-service writes {@code Message-ID: <requestId@domain>}, so two copies with the same
 * Message-ID are one send request delivered twice, and two with different ones are two requests.
 */
final class Mailboxes {

    /** One message as delivered: the subject and the Message-ID header's value (empty if it had none). */
    record Delivered(String subject, String messageId) {
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\r\\n]*>)");
    private final GreenMailClient greenMail = new GreenMailClient();

    /** The inboxes of {@code addresses}, read on a few threads (a 10k campaign is 10k inboxes). */
    Map<String, List<Delivered>> read(Collection<String> addresses) throws InterruptedException {
        Map<String, List<Delivered>> inboxes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String address : addresses) {
                reads.add(pool.submit(() -> inboxes.put(address, inbox(address))));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reading GreenMail failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        return inboxes;
    }

    /** Every address GreenMail has a mailbox for (one appears with its first message). */
    List<String> addresses() {
        return greenMail.users();
    }

    private List<Delivered> inbox(String address) {
        List<Delivered> mails = new ArrayList<>();
        for (GreenMailClient.Mail mail : greenMail.inbox(address)) {
            Matcher id = MESSAGE_ID.matcher(mail.mimeMessage());
            mails.add(new Delivered(mail.subject(), id.find() ? id.group(1) : ""));
        }
        return mails;
    }
}

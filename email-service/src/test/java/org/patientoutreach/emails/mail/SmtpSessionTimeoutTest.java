package org.patientoutreach.emails.mail;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SMTP sockets have no read timeout (see {@link SmtpSession}); a reply is bounded by the session's deadline, which a
 * watchdog enforces. Here the watchdog is this test's own loop over the open sessions, and the SMTP server a scripted
 * one on a real socket that stops answering where a test says.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed claim
class SmtpSessionTimeoutTest {

    private static final int TIMEOUT_MILLIS = 300;
    private static final byte[] MESSAGE = "Subject: hello\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Set<SmtpSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private Thread watchdog;

    @BeforeEach
    void startWatchdog() {
        watchdog = new Thread(() -> {
            while (watching.get()) {
                long now = System.nanoTime();
                open.forEach(session -> session.closeIfOverdue(now));
                sleep(20);
            }
        });
        watchdog.start();
    }

    @AfterEach
    void stopWatchdog() throws InterruptedException {
        watching.set(false);
        watchdog.join();
    }

    @Test
    void aServerThatNeverGreetsFailsTheOpenWithATimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer(0)) {
            assertThrows(SocketTimeoutException.class, () -> SmtpSession.open(settings(server), open));
            assertTrue(open.isEmpty(), "a failed session leaves the watchdog's set");
        }
    }

    @Test
    void aServerSilentAfterTheDotFailsTheSendWithATimeoutAfterTheHandOver() throws Exception {
        // greeting, EHLO, MAIL, RCPT, DATA answered; the reply to the terminating dot never comes
        try (ScriptedServer server = new ScriptedServer(5)) {
            SmtpSession session = SmtpSession.open(settings(server), open);
            AtomicBoolean handedOver = new AtomicBoolean();
            assertThrows(SocketTimeoutException.class,
                    () -> session.send("from@example.org", "to@example.org", MESSAGE, () -> handedOver.set(true)));
            assertTrue(handedOver.get(), "the dot was written before the wait for its reply");
            session.close();
            assertTrue(open.isEmpty());
        }
    }

    @Test
    void anIdleSessionOutlivesItsLastDeadline() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Integer.MAX_VALUE)) {
            SmtpSession session = SmtpSession.open(settings(server), open);
            session.send("from@example.org", "to@example.org", MESSAGE, HandOver.NONE);
            session.closeIfOverdue(System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
            sleep(3 * TIMEOUT_MILLIS);
            assertDoesNotThrow(() -> session.send("from@example.org", "to@example.org", MESSAGE, HandOver.NONE));
            assertEquals(2, server.messages());
            session.close();
        }
    }

    private static SmtpSettings settings(ScriptedServer server) {
        return new SmtpSettings("127.0.0.1", server.port(), false, SmtpSettings.StartTls.DISABLED, Optional.empty(),
                Optional.empty(), TIMEOUT_MILLIS, "test.local");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection at a time: answers the first {@code replies} replies as a willing server would, then none. */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final Thread thread;
        private volatile int messages;

        ScriptedServer(int replies) throws IOException {
            thread = new Thread(() -> serve(replies));
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int messages() {
            return messages;
        }

        private void serve(int replies) {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                int left = replies;
                if (left-- > 0) {
                    reply(out, "220 ready");
                }
                String line;
                boolean data = false;
                while ((line = in.readLine()) != null) {
                    if (data) {
                        if (!line.equals(".")) {
                            continue;
                        }
                        data = false;
                        messages++;
                    } else if (line.equals("DATA")) {
                        data = true;
                        if (left-- > 0) {
                            reply(out, "354 go ahead");
                        }
                        continue;
                    }
                    if (left-- > 0) {
                        reply(out, "250 ok");
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

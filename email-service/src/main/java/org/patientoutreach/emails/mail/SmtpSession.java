package org.patientoutreach.emails.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One open SMTP connection, used by one thread at a time: each email is one MAIL FROM / RCPT TO / DATA transaction
 * on it, with no connection set-up, no event loop in between and no copy of the message beyond its bytes. A refused
 * command throws {@link SmtpRefusal} with the reply code (and no reply text: it may quote the recipient address);
 * connection trouble throws {@link IOException}, after which the session is unusable.
 *
 * <p>The socket has no read timeout: with one, the JDK puts it in non-blocking mode and every reply costs a read
 * that finds nothing, a poll and a second read (the poll alone was 11.5% of the service's CPU in a warm benchmark
 * profile). A reply is bounded instead by a deadline that {@link #closeIfOverdue} enforces from a watchdog: it
 * closes the connection, and the waiting reader fails with {@link SocketTimeoutException}.
 */
final class SmtpSession implements AutoCloseable {

    private static final byte[] DOT = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The TCP connection: what the watchdog closes (closing a TLS socket could wait for its reader's lock). */
    private final Socket connection;
    private final long timeoutNanos;
    private final Set<SmtpSession> watched;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsedNanos = System.nanoTime();
    /** When the step under way (connecting, a handshake, a reply) is overdue; 0 while none is. */
    private volatile long deadline;
    private volatile boolean overdue;

    private SmtpSession(Socket connection, long timeoutNanos, Set<SmtpSession> watched) {
        this.connection = connection;
        this.socket = connection;
        this.timeoutNanos = timeoutNanos;
        this.watched = watched;
    }

    /**
     * Connects, greets and, as configured, upgrades to TLS and logs in. The session is in {@code watched} until it is
     * closed, for a watchdog to call {@link #closeIfOverdue} on.
     */
    static SmtpSession open(SmtpSettings settings, Set<SmtpSession> watched) throws IOException {
        SmtpSession session = new SmtpSession(new Socket(), TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis()),
                watched);
        watched.add(session);
        try {
            session.arm();
            // No connect timeout either (it too would make the socket non-blocking): the deadline covers it.
            session.connection.connect(new InetSocketAddress(settings.host(), settings.port()));
            session.connection.setTcpNoDelay(true);
            if (settings.tls()) {
                session.socket = upgrade(session.connection, settings);
            }
            session.streams();
            session.expect(220);
            List<String> extensions = session.command("EHLO " + settings.localHost(), 250);
            if (!settings.tls() && settings.startTls() != SmtpSettings.StartTls.DISABLED) {
                boolean offered = extensions.stream().anyMatch(line -> line.toUpperCase().startsWith("STARTTLS"));
                if (offered) {
                    session.command("STARTTLS", 220);
                    session.arm();
                    session.socket = upgrade(session.connection, settings);
                    session.streams();
                    extensions = session.command("EHLO " + settings.localHost(), 250);
                } else if (settings.startTls() == SmtpSettings.StartTls.REQUIRED) {
                    throw new IOException("the SMTP server does not offer STARTTLS, which is required");
                }
            }
            if (settings.username().isPresent()) {
                session.login(extensions, settings.username().get(), settings.password().orElse(""));
            }
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            if (session.overdue) {
                throw session.timedOut();
            }
            throw e;
        }
    }

    /** Called by the watchdog: a session waiting past its deadline is closed, and its reader fails. */
    void closeIfOverdue(long nowNanos) {
        long due = deadline;
        if (due != 0 && nowNanos - due > 0) {
            overdue = true;
            closeQuietly(connection);
        }
    }

    /** AUTH PLAIN, or LOGIN where the server offers only that (RFC 4954); the credentials go over TLS in production. */
    private void login(List<String> extensions, String username, String password) throws IOException {
        boolean plain = extensions.stream().map(String::toUpperCase)
                .noneMatch(line -> line.startsWith("AUTH") && !line.contains("PLAIN") && line.contains("LOGIN"));
        Base64.Encoder base64 = Base64.getEncoder();
        if (plain) {
            command("AUTH PLAIN " + base64.encodeToString(("\0" + username + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8)), 235);
        } else {
            command("AUTH LOGIN", 334);
            command(base64.encodeToString(username.getBytes(StandardCharsets.UTF_8)), 334);
            command(base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)), 235);
        }
    }

    /**
     * Sends one message: {@code data} is the complete RFC 5322 message as a DATA section ({@link MimeMessage}: CRLF
     * line ends, no line starting with a dot), without the terminating dot. After a refusal the transaction is reset,
     * so the session stays usable for the next email.
     */
    void send(String from, String to, byte[] data, HandOver handOver) throws IOException {
        try {
            try {
                command("MAIL FROM:<" + from + ">", 250);
            } catch (IOException closed) {
                throw new StaleConnectionException(closed);
            }
            command("RCPT TO:<" + to + ">", 250);
            command("DATA", 354);
        } catch (SmtpRefusal refused) {
            command("RSET", 250);
            throw refused;
        }
        handOver.beforeDot();
        try {
            arm();
            out.write(data);
            out.write(DOT);
            out.flush();
        } catch (IOException | RuntimeException e) {
            handOver.notWritten();
            throw e;
        }
        // The terminating dot is out: the server delivers the message whatever happens to us now. The caller records
        // that before the server's reply (which may take a while), so a crash from here on does not send it twice.
        handOver.proceed();
        expect(250);
        lastUsedNanos = System.nanoTime();
    }

    /** The connection failed before this email's first command was answered: nothing of it reached the server. */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super("the SMTP connection failed before the email started", cause);
        }
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Says QUIT if it can, without waiting for the reply, and closes; the watchdog forgets the session. */
    @Override
    public void close() {
        try {
            if (out != null && !socket.isClosed()) {
                arm(); // a server that stopped reading cannot hold the QUIT, and this thread, forever
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            watched.remove(this);
            deadline = 0;
            closeQuietly(socket);
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** The step that starts now must end within the timeout. */
    private void arm() {
        deadline = System.nanoTime() + timeoutNanos;
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("the SMTP server did not answer within the timeout");
    }

    private List<String> command(String line, int expected) throws IOException {
        arm();
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
        return expect(expected);
    }

    /**
     * Reads one reply, multi-line or not, within the deadline armed before its command (or its connection); a code
     * other than {@code expected} is a refusal.
     */
    private List<String> expect(int expected) throws IOException {
        List<String> lines = new ArrayList<>(4);
        String line;
        do {
            try {
                line = readLine();
            } catch (IOException e) {
                throw overdue ? timedOut() : e;
            }
            if (line.length() < 3) {
                throw new IOException("malformed SMTP reply");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
        } while (line.length() > 3 && line.charAt(3) == '-');
        deadline = 0;
        int code;
        try {
            code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            throw new IOException("malformed SMTP reply");
        }
        if (code != expected) {
            throw new SmtpRefusal(code);
        }
        return lines;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the SMTP server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    }

    private static Socket upgrade(Socket plain, SmtpSettings settings) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the relay's host
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }
}

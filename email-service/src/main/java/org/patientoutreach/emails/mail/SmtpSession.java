package org.patientoutreach.emails.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One open SMTP connection, used by one thread at a time: each email is one MAIL FROM / RCPT TO / DATA transaction
 * on it, with no connection set-up, no event loop in between and no copy of the message beyond its bytes. A refused
 * command throws {@link SmtpRefusal} with the reply code (and no reply text: it may quote the recipient address);
 * connection trouble throws {@link IOException}, after which the session is unusable.
 */
final class SmtpSession implements AutoCloseable {

    private static final byte[] DOT = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsedNanos = System.nanoTime();

    private SmtpSession(Socket socket) throws IOException {
        this.socket = socket;
        streams();
    }

    /** Connects, greets and, as configured, upgrades to TLS and logs in. */
    static SmtpSession open(SmtpSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), settings.timeoutMillis());
            socket.setSoTimeout(settings.timeoutMillis());
            socket.setTcpNoDelay(true);
            if (settings.tls()) {
                socket = upgrade(socket, settings);
            }
            SmtpSession session = new SmtpSession(socket);
            session.expect(220);
            List<String> extensions = session.command("EHLO " + settings.localHost(), 250);
            if (!settings.tls() && settings.startTls() != SmtpSettings.StartTls.DISABLED) {
                boolean offered = extensions.stream().anyMatch(line -> line.toUpperCase().startsWith("STARTTLS"));
                if (offered) {
                    session.command("STARTTLS", 220);
                    session = new SmtpSession(upgrade(session.socket, settings));
                    extensions = session.command("EHLO " + settings.localHost(), 250);
                } else if (settings.startTls() == SmtpSettings.StartTls.REQUIRED) {
                    session.close();
                    throw new IOException("the SMTP server does not offer STARTTLS, which is required");
                }
            }
            if (settings.username().isPresent()) {
                session.login(extensions, settings.username().get(), settings.password().orElse(""));
            }
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
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

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private List<String> command(String line, int expected) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
        return expect(expected);
    }

    /** Reads one reply, multi-line or not; a code other than {@code expected} is a refusal. */
    private List<String> expect(int expected) throws IOException {
        List<String> lines = new ArrayList<>(4);
        String line;
        do {
            line = readLine();
            if (line.length() < 3) {
                throw new IOException("malformed SMTP reply");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
        } while (line.length() > 3 && line.charAt(3) == '-');
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

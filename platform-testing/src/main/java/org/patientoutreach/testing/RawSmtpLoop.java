package org.patientoutreach.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline of every email benchmark: the fastest a plain client gets the same message into the same SMTP server.
 * One kept-alive connection per thread, MAIL FROM / RCPT TO / DATA per message, nothing else (no database, no Kafka,
 * no rendering).
 */
public final class RawSmtpLoop {

    private RawSmtpLoop() {
    }

    /**
     * Sends {@code count} copies of {@code message} over {@code threads} connections, to the recipients in turn
     * ({@code {{to}}} in the message becomes the recipient); returns the elapsed nanoseconds.
     */
    public static long run(String host, int port, int count, int threads, String from, List<String> recipients,
            String message) throws Exception {
        // CRLF line ends and dot-stuffing: a line starting with "." is doubled inside DATA.
        String data = message.replace("\r\n", "\n").replace("\n", "\r\n").replace("\r\n.", "\r\n..");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = count / threads + (t < count % threads ? 1 : 0);
            int offset = t;
            done.add(pool.submit(() -> {
                session(host, port, share, from, recipients, offset, data);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return elapsed;
    }

    private static void session(String host, int port, int count, String from, List<String> recipients, int offset,
            String data) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO bench.local", "250");
            for (int i = 0; i < count; i++) {
                String to = recipients.get((offset + i) % recipients.size());
                command(out, in, "MAIL FROM:<" + from + ">", "250");
                command(out, in, "RCPT TO:<" + to + ">", "250");
                command(out, in, "DATA", "354");
                out.write(data.replace("{{to}}", to).getBytes(StandardCharsets.UTF_8));
                command(out, in, "\r\n.", "250");
            }
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    /** Reads a (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP answered " + line + ", expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}

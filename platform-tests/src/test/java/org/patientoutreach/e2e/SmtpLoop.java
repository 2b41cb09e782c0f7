package org.patientoutreach.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The campaign's baseline: the fastest a plain client gets the same message into the same SMTP server over one
 * kept-open connection (MAIL FROM / RCPT TO / DATA per message; no database, Kafka, rendering or journey).
 */
final class SmtpLoop {

    private SmtpLoop() {
    }

    /** Sends {@code count} copies of {@code message} to {@code recipients} in turn; returns the elapsed nanoseconds. */
    static long send(String host, int port, int count, String from, String[] recipients, String message)
            throws IOException {
        // Dot-stuffing: a line starting with "." must be doubled inside DATA.
        byte[] data = message.replace("\r\n", "\n").replace("\n", "\r\n").replace("\r\n.", "\r\n..")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO bench.local", "250");
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                command(out, in, "MAIL FROM:<" + from + ">", "250");
                command(out, in, "RCPT TO:<" + recipients[i % recipients.length] + ">", "250");
                command(out, in, "DATA", "354");
                out.write(data);
                command(out, in, "\r\n.", "250");
            }
            long elapsed = System.nanoTime() - start;
            command(out, in, "QUIT", "221");
            return elapsed;
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

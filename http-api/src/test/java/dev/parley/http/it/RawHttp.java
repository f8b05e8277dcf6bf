package dev.parley.http.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Bytes on a socket, for what no HTTP client will send: broken framing, bodies shorter or longer than announced. */
final class RawHttp {

    /** The status line's code and the whole response as text; the time until the first byte of the answer. */
    record Answer(int status, String text, Duration elapsed) {}

    private RawHttp() {}

    /**
     * Writes {@code head} and {@code body} (head as text, CRLF line ends supplied by the caller), keeps the connection
     * open and reads the answer until the server closes it or {@code wait} has passed.
     */
    static Answer exchange(URI endpoint, String head, byte[] body, Duration wait) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout((int) wait.toMillis());
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException refusedMidway) {
                // A server may answer and close before reading a body it has already refused.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long firstByte = 0;
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    if (firstByte == 0) {
                        firstByte = System.nanoTime();
                    }
                    answer.write(buffer, 0, read);
                    if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // What arrived so far is the answer.
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text, Duration.ofNanos((firstByte == 0 ? System.nanoTime() : firstByte) - start));
        }
    }

    /** A response with a Content-Length whose body has fully arrived. */
    private static boolean complete(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                return text.getBytes(StandardCharsets.ISO_8859_1).length >= headEnd + 4 + length;
            }
        }
        return false;
    }
}

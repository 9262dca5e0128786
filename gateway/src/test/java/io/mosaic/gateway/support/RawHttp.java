package io.mosaic.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket, for requests no client library would send as they are:
 * raw escapes in the path, made-up methods, chunked bodies, half a request line.
 */
public final class RawHttp {

    /** An answer as read from the wire: the status, the head and the body as text. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (head and body, as written) and reads the answer until the server closes. */
    public static Answer send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Answer send(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            String text = readAll(socket.getInputStream());
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Answer(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with {@code Connection: close}, so the answer ends when the server closes. */
    public static String request(String method, String target, String... headers) {
        StringBuilder out = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        return out.append("\r\n").toString();
    }

    /**
     * One kept-alive connection: each {@link #exchange} writes a request and reads exactly one
     * answer, framed by its Content-Length or chunked coding, so the next request goes on the
     * same connection. A read that waits longer than the timeout throws {@link SocketTimeoutException}.
     */
    public static final class KeptAlive implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        public KeptAlive(int port, int timeoutMillis) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(timeoutMillis);
            in = socket.getInputStream();
        }

        /** The answer, or null when the server closed the connection instead. */
        public Answer exchange(String request) throws IOException {
            write(request);
            return next();
        }

        /** Writes {@code request} (or several, pipelined) without reading. */
        public void write(String request) throws IOException {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        /** Reads the next answer; null when the server closed the connection instead. */
        public Answer next() throws IOException {
            String head = readLine();
            if (head == null) {
                return null;
            }
            StringBuilder lines = new StringBuilder(head);
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                lines.append("\r\n").append(line);
            }
            Answer headOnly = new Answer(Integer.parseInt(head.substring(9, 12)), lines.toString(), "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String length = headOnly.header("Content-Length");
            if (length != null) {
                body.writeBytes(in.readNBytes(Integer.parseInt(length)));
            } else if ("chunked".equalsIgnoreCase(headOnly.header("Transfer-Encoding"))) {
                int size;
                do {
                    size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
                    body.writeBytes(in.readNBytes(size));
                    readLine();
                } while (size > 0);
            }
            return new Answer(headOnly.status(), headOnly.head(), body.toString(StandardCharsets.ISO_8859_1));
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        /** Whether the server closes the connection (rather than sending more) within the timeout. */
        public boolean closedByServer() throws IOException {
            try {
                return in.read() == -1;
            } catch (java.net.SocketException e) {
                return true; // reset: closed too
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived is the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}

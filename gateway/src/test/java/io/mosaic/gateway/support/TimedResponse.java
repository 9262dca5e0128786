package io.mosaic.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A page read off a raw socket as the bytes arrive, each arrival timestamped, so a test can
 * tell what the gateway sent before what: the incremental view a browser has of a stream.
 */
public final class TimedResponse {

    private record Arrival(long nanos, int length) {
    }

    private final long startedNanos;
    private final List<Arrival> arrivals;
    private final String text;

    private TimedResponse(long startedNanos, List<Arrival> arrivals, String text) {
        this.startedNanos = startedNanos;
        this.arrivals = arrivals;
        this.text = text;
    }

    /** GETs {@code path} over HTTP/1.1 with {@code Connection: close} and reads until the server closes. */
    public static TimedResponse get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<Arrival> arrivals = new ArrayList<>();
            byte[] buffer = new byte[65536];
            int read;
            while ((read = in.read(buffer)) != -1) {
                all.write(buffer, 0, read);
                arrivals.add(new Arrival(System.nanoTime(), all.size()));
            }
            return new TimedResponse(started, arrivals, all.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Milliseconds from the request until {@code marker} had fully arrived. A marker that never
     * arrived fails the test: read as a time it would pass every "before" comparison.
     */
    public long millisUntil(String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("'" + marker + "' never arrived; the response was:\n" + text);
        }
        int end = text.substring(0, at + marker.length()).getBytes(StandardCharsets.UTF_8).length;
        for (Arrival arrival : arrivals) {
            if (arrival.length() >= end) {
                return (arrival.nanos() - startedNanos) / 1_000_000;
            }
        }
        throw new AssertionError("'" + marker + "' is in the text but no arrival covers it");
    }

    /** Milliseconds until the last byte. */
    public long totalMillis() {
        return arrivals.isEmpty() ? -1 : (arrivals.get(arrivals.size() - 1).nanos() - startedNanos) / 1_000_000;
    }

    /** The whole response: status line, headers and (chunked) body. */
    public String text() {
        return text;
    }

    /** The status code of the status line. */
    public int status() {
        return Integer.parseInt(text.substring(9, 12));
    }
}

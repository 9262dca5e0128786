package io.mosaic.e2e.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One page read off a raw socket as its bytes arrive, each read timestamped, and its body decoded
 * (chunked or not) with every body byte mapped back to the read that brought it: the incremental
 * view a browser has of a streamed page. Times are from the moment the request was written.
 */
final class TimedPage {

    private final long[] arrivalNanos;
    private final int[] arrivalEnds;
    private final int status;
    private final byte[] body;
    private final int[] bodyToRaw;

    private TimedPage(long[] arrivalNanos, int[] arrivalEnds, Decoded decoded) {
        this.arrivalNanos = arrivalNanos;
        this.arrivalEnds = arrivalEnds;
        this.status = decoded.status();
        this.body = decoded.body();
        this.bodyToRaw = decoded.bodyToRaw();
    }

    /** GETs {@code url} over HTTP/1.1 with {@code Connection: close} and reads until the server closes. */
    static TimedPage get(URI url) {
        return get(url, List.of());
    }

    /** As {@link #get(URI)}, with {@code headerLines} (such as {@code Cookie: user=u1}) added to the request. */
    static TimedPage get(URI url, List<String> headerLines) {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            StringBuilder extra = new StringBuilder();
            headerLines.forEach(line -> extra.append(line).append("\r\n"));
            byte[] request = ("GET " + target(url) + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nAccept: text/html\r\n" + extra + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            out.write(request);
            out.flush();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            List<long[]> arrivals = new ArrayList<>();
            byte[] buffer = new byte[65536];
            int read;
            while ((read = in.read(buffer)) != -1) {
                long now = System.nanoTime();
                raw.write(buffer, 0, read);
                arrivals.add(new long[] {now - started, raw.size()});
            }
            long[] nanos = arrivals.stream().mapToLong(a -> a[0]).toArray();
            int[] ends = arrivals.stream().mapToInt(a -> (int) a[1]).toArray();
            return new TimedPage(nanos, ends, decode(raw.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        }
    }

    /** The request target: the raw path, and the raw query when there is one. */
    static String target(URI url) {
        return url.getRawQuery() == null ? url.getRawPath() : url.getRawPath() + "?" + url.getRawQuery();
    }

    /** The status code, the decoded body, and for each body byte its offset in {@code raw}. */
    record Decoded(int status, byte[] body, int[] bodyToRaw) {
    }

    /** Splits a whole HTTP/1.1 response into status and body, undoing chunked transfer coding. */
    static Decoded decode(byte[] raw) {
        int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headerEnd < 0) {
            throw new IllegalStateException("incomplete HTTP response (" + raw.length + " bytes, no end of headers): "
                    + new String(raw, 0, Math.min(raw.length, 300), StandardCharsets.ISO_8859_1));
        }
        String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.") || lines[0].length() < 12) {
            throw new IllegalStateException("not an HTTP/1.x status line: " + lines[0]);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        boolean chunked = false;
        int contentLength = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            } else if (line.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        int start = headerEnd + 4;
        byte[] body = new byte[raw.length - start];
        int[] map = new int[raw.length - start];
        int size = 0;
        if (chunked) {
            int pos = start;
            while (true) {
                int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, pos);
                if (lineEnd < 0) {
                    throw new IllegalStateException("chunked body ends without its last chunk (read " + size + " body bytes)");
                }
                String sizeLine = new String(raw, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
                int semicolon = sizeLine.indexOf(';');
                int chunk = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                pos = lineEnd + 2;
                if (chunk == 0) {
                    break;
                }
                if (pos + chunk > raw.length) {
                    throw new IllegalStateException("chunked body cut short: a chunk of " + chunk + " bytes has " + (raw.length - pos));
                }
                for (int i = 0; i < chunk; i++) {
                    body[size] = raw[pos + i];
                    map[size++] = pos + i;
                }
                pos += chunk + 2;
            }
        } else {
            int end = contentLength >= 0 ? Math.min(raw.length, start + contentLength) : raw.length;
            for (int i = start; i < end; i++) {
                body[size] = raw[i];
                map[size++] = i;
            }
        }
        return new Decoded(status, Arrays.copyOf(body, size), Arrays.copyOf(map, size));
    }

    int status() {
        return status;
    }

    /** The body as text. */
    String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    int bodyBytes() {
        return body.length;
    }

    /** Milliseconds until the first byte of the body arrived; NaN for an empty body. */
    double firstBodyByteMillis() {
        return body.length == 0 ? Double.NaN : millisAtRaw(bodyToRaw[0]);
    }

    /** Milliseconds until {@code marker} (ASCII) had fully arrived in the body; NaN if it never did. */
    double millisUntil(String marker) {
        int at = indexOf(body, marker.getBytes(StandardCharsets.US_ASCII), 0);
        return at < 0 ? Double.NaN : millisAtRaw(bodyToRaw[at + marker.length() - 1]);
    }

    /** Milliseconds until the server's last byte. */
    double totalMillis() {
        return arrivalNanos.length == 0 ? Double.NaN : arrivalNanos[arrivalNanos.length - 1] / 1e6;
    }

    private double millisAtRaw(int rawOffset) {
        for (int i = 0; i < arrivalEnds.length; i++) {
            if (arrivalEnds[i] > rawOffset) {
                return arrivalNanos[i] / 1e6;
            }
        }
        throw new IllegalStateException("byte " + rawOffset + " is beyond what arrived");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.mosaic.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * An origin on a raw socket, for every way an origin can misbehave that a well-behaved HTTP
 * server would not let a test produce: resets, silence, dripping bodies, lies in headers. Each
 * path names a behaviour; the origin counts requests and notices when the gateway hangs up.
 */
public final class HostileOrigin implements AutoCloseable {

    /** What one path does with a request. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "hostile-origin");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Long> hangUpsNanos = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public HostileOrigin() {
        try {
            server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workers.submit(this::acceptLoop);
    }

    public HostileOrigin on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** Requests that reached {@code path}. */
    public int calls(String path) {
        return calls.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** When the gateway closed a connection this origin was still holding (System.nanoTime). */
    public List<Long> hangUps() {
        return List.copyOf(hangUpsNanos);
    }

    /** Connections this origin holds open right now. */
    public int openConnections() {
        return (int) open.stream().filter(s -> !s.isClosed()).count();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                workers.submit(() -> handle(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String path = head.split(" ")[1];
                path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
                calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                Behaviour behaviour = behaviours.getOrDefault(path, (s, out) -> respond(out, 404, "text/plain", Map.of(), "no".getBytes()));
                behaviour.serve(socket, socket.getOutputStream());
                if (socket.isClosed()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the gateway hung up on us
        } finally {
            open.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** Waits, reading, until the peer closes the connection; records when. */
    public void awaitHangUp(Socket socket, long maxMillis) throws IOException {
        socket.setSoTimeout((int) maxMillis);
        try {
            while (socket.getInputStream().read() != -1) {
                // discard
            }
            hangUpsNanos.add(System.nanoTime());
        } catch (java.net.SocketTimeoutException e) {
            // never hung up within maxMillis
        } catch (SocketException e) {
            hangUpsNanos.add(System.nanoTime());
        }
    }

    // ---- behaviours ----

    public static void respond(OutputStream out, int status, String type, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.length + "\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    public static Behaviour html(String html) {
        return (socket, out) -> respond(out, 200, "text/html;charset=UTF-8", Map.of(), html.getBytes(StandardCharsets.UTF_8));
    }

    public static Behaviour withHeaders(Map<String, String> headers, String html) {
        return (socket, out) -> respond(out, 200, "text/html;charset=UTF-8", headers, html.getBytes(StandardCharsets.UTF_8));
    }

    public static Behaviour status(int status) {
        return (socket, out) -> respond(out, status, "text/html", Map.of(), ("<h1>" + status + "</h1>").getBytes());
    }

    public static Behaviour redirect(String location) {
        return (socket, out) -> respond(out, 302, "text/html", Map.of("Location", location), new byte[0]);
    }

    /** Closes with a TCP reset as soon as the request arrived. */
    public static Behaviour resetBeforeAnswering() {
        return (socket, out) -> {
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /** Sends the headers and half of the promised body, then resets the connection. */
    public static Behaviour resetMidBody() {
        return (socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000\r\n\r\n<p>half").getBytes());
            out.flush();
            Thread.sleep(50);
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /** Never answers; holds the connection until the gateway gives up. */
    public Behaviour hangBeforeHeaders() {
        return (socket, out) -> awaitHangUp(socket, 60_000);
    }

    /** Sends headers promising a body, then nothing. */
    public Behaviour headersThenSilence() {
        return (socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n".getBytes());
            out.flush();
            awaitHangUp(socket, 60_000);
        };
    }

    /** A body of one byte a second. */
    public static Behaviour drip() {
        return (socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n".getBytes());
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        };
    }

    /** A body of {@code megabytes} MB, streamed as fast as the gateway reads it. */
    public static Behaviour huge(int megabytes) {
        return (socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + (long) megabytes * 1024 * 1024 + "\r\n\r\n").getBytes());
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < megabytes * 16; i++) {
                out.write(chunk);
            }
            out.flush();
        };
    }

    /** A small gzip answer that inflates to {@code megabytes} MB, sent though the gateway asked for identity. */
    public static Behaviour gzipBomb(int megabytes) {
        byte[] bomb;
        try {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < megabytes; i++) {
                    gzip.write(zeros);
                }
            }
            bomb = packed.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = bomb;
        return (socket, out) -> respond(out, 200, "text/html", Map.of("Content-Encoding", "gzip"), body);
    }

    /** Bytes that are not UTF-8, in a body that claims to be. */
    public static Behaviour invalidUtf8() {
        return (socket, out) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write("<p class=\"bad-bytes\">caf".getBytes(StandardCharsets.US_ASCII));
            body.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
            body.write("</p>".getBytes(StandardCharsets.US_ASCII));
            respond(out, 200, "text/html;charset=UTF-8", Map.of(), body.toByteArray());
        };
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
        workers.shutdownNow();
    }
}

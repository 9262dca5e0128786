package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Free loopback ports, and waiting until a port accepts. */
final class Ports {

    private Ports() {
    }

    /** {@code count} distinct ports free right now on 127.0.0.1 (all held open together while chosen). */
    static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(socket);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a bound, unaccepted socket does not fail in practice
                }
            }
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until every port accepts; fails with {@code what}'s explanation when {@code process} dies or time runs out. */
    static void awaitAccepting(String what, Process process, List<Integer> ports, Duration timeout, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(what + " exited with status " + process.exitValue() + " before listening:\n"
                            + diagnosis.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " did not listen on 127.0.0.1:" + port + " within "
                            + timeout.toSeconds() + " s:\n" + diagnosis.get());
                }
                Sleep.millis(50);
            }
        }
    }
}

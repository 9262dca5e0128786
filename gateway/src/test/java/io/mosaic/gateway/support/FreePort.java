package io.mosaic.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A loopback port nothing listens on: connecting to it is refused. */
public final class FreePort {

    private FreePort() {
    }

    /** A port free at the moment of asking, for a server a test starts. */
    public static int find() {
        return refused();
    }

    public static int refused() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

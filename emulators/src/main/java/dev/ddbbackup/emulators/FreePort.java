package dev.ddbbackup.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a free TCP port on the loopback interface, so that emulators never collide with each
 * other or with a developer's own services.
 *
 * <p>The port is released before it is returned; another process could take it in between, which
 * is an accepted risk for tests.
 */
public final class FreePort {

    private FreePort() {
    }

    /** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR the port may sit in TIME_WAIT and refuse the emulator's bind.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }
}

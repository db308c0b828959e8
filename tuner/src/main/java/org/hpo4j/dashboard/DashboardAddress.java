package org.hpo4j.dashboard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the dashboard listens: {@code hpo.dashboardHost} ({@value #DEFAULT_HOST} unless told
 * otherwise, so only this machine sees it) and {@code hpo.dashboard}, the port (0: any free one).
 *
 * @param host the address or host name to bind
 * @param port the TCP port, 0 for a free one
 */
public record DashboardAddress(String host, int port) {
    /** The loopback address: the study's configurations and failures stay on this machine. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming {@code hpo.dashboard} or {@code hpo.dashboardHost}
     */
    public DashboardAddress {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("hpo.dashboard: the port must be 0 (any free one) to 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            host = DEFAULT_HOST;
        }
        host = host.strip();
    }

    /** The default host with this port. */
    public static DashboardAddress onPort(int port) {
        return new DashboardAddress(DEFAULT_HOST, port);
    }

    /**
     * The socket address to bind.
     *
     * @throws IllegalArgumentException naming {@code hpo.dashboardHost} when the host is unknown
     */
    InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("hpo.dashboardHost: unknown host '" + host + "'", e);
        }
    }

    /** Whether only this machine can connect: a loopback address. */
    boolean loopback() {
        return socketAddress().getAddress().isLoopbackAddress();
    }
}

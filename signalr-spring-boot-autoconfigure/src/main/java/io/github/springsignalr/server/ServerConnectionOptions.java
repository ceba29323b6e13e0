package io.github.springsignalr.server;

import java.time.Duration;

/**
 * How server connections behave; the defaults are the .NET SDK's.
 *
 * @param connectionCount connections per hub and endpoint ({@code InitialHubServerConnectionCount}, 5)
 * @param handshakeTimeout how long to wait for the service's handshake answer (15 s)
 * @param pingInterval how often the service is pinged (5 s)
 * @param serviceTimeout how long the service may stay silent before the connection is closed (30 s)
 * @param clientKeepAliveInterval how often a silent client is pinged (ASP.NET Core's 15 s)
 * @param clientTimeout how long a client may stay silent before it is closed (ASP.NET Core's 30 s)
 * @param ackTimeout how long a group change waits for the service's ack (10 s)
 * @param gracefulShutdownTimeout how long a stop waits for the clients to go after the service acknowledged
 * {@code shutdown fin:2}; zero to stop and drop at once (the SDK's default mode {@code Off})
 */
public record ServerConnectionOptions(int connectionCount, Duration handshakeTimeout, Duration pingInterval,
		Duration serviceTimeout, Duration clientKeepAliveInterval, Duration clientTimeout, Duration ackTimeout,
		Duration gracefulShutdownTimeout) {

	public static final ServerConnectionOptions DEFAULT = new ServerConnectionOptions(5, Duration.ofSeconds(15),
			Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30),
			Duration.ofSeconds(10), Duration.ZERO);

	public ServerConnectionOptions {
		if (connectionCount < 1) {
			throw new IllegalArgumentException("connectionCount must be at least 1, not " + connectionCount);
		}
	}

	public ServerConnectionOptions withConnectionCount(int count) {
		return new ServerConnectionOptions(count, this.handshakeTimeout, this.pingInterval, this.serviceTimeout,
				this.clientKeepAliveInterval, this.clientTimeout, this.ackTimeout, this.gracefulShutdownTimeout);
	}

	public ServerConnectionOptions withGracefulShutdownTimeout(Duration timeout) {
		if (timeout == null || timeout.isNegative()) {
			throw new IllegalArgumentException("The graceful shutdown timeout must not be negative, not " + timeout);
		}
		return new ServerConnectionOptions(this.connectionCount, this.handshakeTimeout, this.pingInterval,
				this.serviceTimeout, this.clientKeepAliveInterval, this.clientTimeout, this.ackTimeout, timeout);
	}

}

package io.github.springsignalr.emulator.client;

import java.time.Duration;

/**
 * The timings of a client connection.
 *
 * @param keepAliveInterval how often the server pings a connected client (the service: 15 s)
 * @param clientTimeout how long a client may stay silent before it is closed (the service: 30 s)
 * @param handshakeTimeout how long a client has to send its handshake (the service: 15 s)
 */
public record SessionSettings(Duration keepAliveInterval, Duration clientTimeout, Duration handshakeTimeout) {

	public static final SessionSettings DEFAULT = new SessionSettings(Duration.ofSeconds(15), Duration.ofSeconds(30),
			Duration.ofSeconds(15));

	/**
	 * The service's timings with another keep-alive interval; the client timeout stays at least twice as long.
	 */
	public static SessionSettings withKeepAlive(Duration keepAliveInterval) {
		Duration timeout = DEFAULT.clientTimeout();
		if (timeout.compareTo(keepAliveInterval.multipliedBy(2)) < 0) {
			timeout = keepAliveInterval.multipliedBy(2);
		}
		return new SessionSettings(keepAliveInterval, timeout, DEFAULT.handshakeTimeout());
	}

}

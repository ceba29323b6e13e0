package io.github.springsignalr.emulator.serverconnection;

import java.time.Duration;

/**
 * The timings of a server connection.
 *
 * @param pingInterval how often the emulator pings a server (the SDK's comment: the service pings every 5 s)
 * @param serverTimeout how long a server may stay silent before it is dropped (the SDK's own bound, 30 s)
 * @param handshakeTimeout how long a server has to send its handshake request (the SDK waits 15 s for the answer)
 */
public record ServerSettings(Duration pingInterval, Duration serverTimeout, Duration handshakeTimeout) {

	public static final ServerSettings DEFAULT = new ServerSettings(Duration.ofSeconds(5), Duration.ofSeconds(30),
			Duration.ofSeconds(15));

}

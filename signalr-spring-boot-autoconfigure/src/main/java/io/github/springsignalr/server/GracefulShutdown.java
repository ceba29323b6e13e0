package io.github.springsignalr.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.springsignalr.service.protocol.PingMessage;

/**
 * The SDK's graceful shutdown in its {@code WaitForClientsClose} mode ({@code GracefulShutdownOptions},
 * {@code ServiceConnectionContainerBase}): {@code ["shutdown","fin:2"]} on every server connection, repeated every
 * 5 s until the service answers {@code ["shutdown","finack"]}, then a wait for the clients to close, both bounded by
 * one timeout.
 */
final class GracefulShutdown {

	private static final Duration REPEAT = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofMillis(100);

	private static final PingMessage FIN = PingMessage.of("shutdown", "fin:2");

	private final List<HubEndpointConnections> sets;

	private final Clock clock;

	GracefulShutdown(List<HubEndpointConnections> sets, Clock clock) {
		this.sets = sets;
		this.clock = clock;
	}

	void run(Duration timeout) {
		Instant deadline = this.clock.instant().plus(timeout);
		List<ServerConnection> connections = this.sets.stream()
			.flatMap((set) -> set.connections().stream())
			.filter(ServerConnection::isConnected)
			.toList();
		Instant lastFin = Instant.EPOCH;
		while (this.clock.instant().isBefore(deadline)
				&& connections.stream().anyMatch((connection) -> connection.isConnected() && !connection.finAcked())) {
			if (Duration.between(lastFin, this.clock.instant()).compareTo(REPEAT) >= 0) {
				lastFin = this.clock.instant();
				connections.stream().filter((connection) -> !connection.finAcked()).forEach((c) -> c.write(FIN));
			}
			sleep();
		}
		while (this.clock.instant().isBefore(deadline)
				&& connections.stream().anyMatch((connection) -> connection.clientCount() > 0)) {
			sleep();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during a graceful shutdown", ex);
		}
	}

}

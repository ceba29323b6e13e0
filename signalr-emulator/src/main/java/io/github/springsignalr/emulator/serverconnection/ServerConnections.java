package io.github.springsignalr.emulator.serverconnection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The live server connections of each hub (lower-cased name). A client of a hub is routed to one of its default
 * connections, chosen at random; a hub without any keeps serverless behaviour.
 */
public final class ServerConnections {

	private final Map<String, List<ServerConnection>> byHub = new ConcurrentHashMap<>();

	void add(ServerConnection connection) {
		this.byHub.computeIfAbsent(connection.hub(), (hub) -> new CopyOnWriteArrayList<>()).add(connection);
	}

	void remove(ServerConnection connection) {
		List<ServerConnection> connections = this.byHub.get(connection.hub());
		if (connections != null) {
			connections.remove(connection);
		}
	}

	/**
	 * A default (client-carrying) server connection of the hub, or {@code null} when the hub has none.
	 */
	public @Nullable ServerConnection pick(String hub) {
		List<ServerConnection> candidates = this.byHub.getOrDefault(hub, List.of())
			.stream()
			.filter(ServerConnection::carriesClients)
			.toList();
		return candidates.isEmpty() ? null : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

	/**
	 * How many server connections the hub has, of every type.
	 */
	public int count(String hub) {
		return this.byHub.getOrDefault(hub, List.of()).size();
	}

	/**
	 * Drops every server connection of a hub.
	 */
	public void drop(String hub) {
		this.byHub.getOrDefault(hub, List.of()).forEach(ServerConnection::drop);
	}

	/**
	 * Closes every server connection, at shutdown.
	 */
	public void closeAll() {
		this.byHub.values().forEach((connections) -> connections.forEach(ServerConnection::drop));
	}

}

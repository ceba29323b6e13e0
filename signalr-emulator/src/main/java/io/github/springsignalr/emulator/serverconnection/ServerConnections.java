package io.github.springsignalr.emulator.serverconnection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live server connections of each hub (lower-cased name). A client of a hub is routed to one of its default
 * connections, chosen at random; a hub without any keeps serverless behaviour.
 */
public final class ServerConnections {

	private static final Logger logger = LoggerFactory.getLogger(ServerConnections.class);

	private final Map<String, List<ServerConnection>> byHub = new ConcurrentHashMap<>();

	private final boolean dropOnKeyRegeneration;

	/**
	 * Server connections that outlive a key regeneration.
	 */
	public ServerConnections() {
		this(false);
	}

	/**
	 * @param dropOnKeyRegeneration whether a key regeneration drops the connections the old key signed
	 */
	public ServerConnections(boolean dropOnKeyRegeneration) {
		this.dropOnKeyRegeneration = dropOnKeyRegeneration;
	}

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
	 * Drops up to {@code count} live server connections of a hub, chosen at random, as a failing link or a service
	 * instance going away would: their clients are dropped with them.
	 * @return how many were dropped
	 */
	public int drop(String hub, int count) {
		List<ServerConnection> live = new ArrayList<>(this.byHub.getOrDefault(hub, List.of()));
		live.removeIf(ServerConnection::isClosed);
		Collections.shuffle(live, ThreadLocalRandom.current());
		List<ServerConnection> dropped = live.subList(0, Math.min(Math.max(count, 0), live.size()));
		dropped.forEach(ServerConnection::drop);
		return dropped.size();
	}

	/**
	 * A key was regenerated: if this emulator drops server connections then, those the old key signed go.
	 * @param oldKeyFingerprint the fingerprint of the key before
	 * @return how many were dropped
	 */
	public int keyRegenerated(String oldKeyFingerprint) {
		return this.dropOnKeyRegeneration ? dropSignedWith(oldKeyFingerprint) : 0;
	}

	/**
	 * Drops every server connection, of every hub, whose token was signed with the access key of this fingerprint.
	 * @return how many were dropped
	 */
	public int dropSignedWith(String keyFingerprint) {
		List<ServerConnection> signed = this.byHub.values()
			.stream()
			.flatMap(List::stream)
			.filter((connection) -> connection.isSignedWith(keyFingerprint))
			.toList();
		signed.forEach(ServerConnection::drop);
		logger.info("Dropped {} server connection(s) signed with key {}, which was regenerated", signed.size(),
				keyFingerprint);
		return signed.size();
	}

	/**
	 * Closes every server connection, at shutdown.
	 */
	public void closeAll() {
		this.byHub.values().forEach((connections) -> connections.forEach(ServerConnection::drop));
	}

}

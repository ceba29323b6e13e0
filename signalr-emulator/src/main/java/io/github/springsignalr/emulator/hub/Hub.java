package io.github.springsignalr.emulator.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One hub: its connections and its groups. A group holds connections, added one by one, and users, whose
 * connections (current and future) belong to it until the user is removed or the membership's time to live ends.
 * <p>
 * As the REST API's definition says of {@code ttl} (2022-06-01, "Add a user to the target group"): a user added
 * without one stays at most {@linkplain #MAX_MEMBERSHIP a year}, and of the groups a user joined without one only the
 * {@value #MAX_GROUPS_WITHOUT_TTL} most recently updated are kept.
 * <p>
 * Membership changes are serialized on the hub; messages are queued on the connections outside that lock.
 */
public final class Hub {

	/** How long a user stays in a group joined without {@code ttl}. */
	public static final Duration MAX_MEMBERSHIP = Duration.ofDays(365);

	/** How many groups joined without {@code ttl} a user keeps: the most recently updated. */
	public static final int MAX_GROUPS_WITHOUT_TTL = 100;

	private final String name;

	private final Clock clock;

	private final Map<String, ClientConnection> connections = new HashMap<>();

	/** Group name to ids of the connections added to it one by one. */
	private final Map<String, Set<String>> groupConnections = new HashMap<>();

	/** User id to group name to the membership, least recently updated first. */
	private final Map<String, LinkedHashMap<String, Membership>> userGroups = new HashMap<>();

	Hub(String name, Clock clock) {
		this.name = name;
		this.clock = clock;
	}

	public String name() {
		return this.name;
	}

	public synchronized void add(ClientConnection connection) {
		this.connections.put(connection.id(), connection);
	}

	/**
	 * Forgets a connection that has gone, and its group memberships. Its user's memberships stay.
	 */
	public synchronized void remove(ClientConnection connection) {
		if (this.connections.remove(connection.id(), connection)) {
			removeFromAllGroups(connection.id());
		}
	}

	/**
	 * The connection of that id, or {@code null}.
	 */
	public synchronized @Nullable ClientConnection connection(String connectionId) {
		return this.connections.get(connectionId);
	}

	/**
	 * The connections {@code selector} picks, for messages whose payload depends on each client's protocol.
	 */
	public List<ClientConnection> connections(Predicate<ClientConnection> selector) {
		return select(selector);
	}

	/**
	 * The connections in a group, added themselves or through their user.
	 */
	public synchronized Set<ClientConnection> groupConnections(String group) {
		return groupMembers(group);
	}

	public synchronized int connectionCount() {
		return this.connections.size();
	}

	public synchronized List<String> connectionIds() {
		return List.copyOf(this.connections.keySet());
	}

	public synchronized boolean connectionExists(String connectionId) {
		return this.connections.containsKey(connectionId);
	}

	public synchronized boolean userExists(String userId) {
		return this.connections.values().stream().anyMatch((connection) -> userId.equals(connection.userId()));
	}

	/**
	 * Whether any connection is in the group, added itself or through its user.
	 */
	public synchronized boolean groupExists(String group) {
		return !groupMembers(group).isEmpty();
	}

	public synchronized boolean userInGroup(String userId, @Nullable String group) {
		if (isMember(userId, group, this.clock.instant())) {
			return true;
		}
		Set<String> members = this.groupConnections.getOrDefault(group, Set.of());
		return this.connections.values()
			.stream()
			.anyMatch((connection) -> userId.equals(connection.userId()) && members.contains(connection.id()));
	}

	/**
	 * @return the number of connections the records were queued for
	 */
	public int broadcast(String records, Collection<String> excluded) {
		return send(records, select((connection) -> !excluded.contains(connection.id())));
	}

	public int sendToUser(String userId, String records) {
		return send(records, select((connection) -> userId.equals(connection.userId())));
	}

	public int sendToConnection(String connectionId, String records) {
		return send(records, select((connection) -> connection.id().equals(connectionId)));
	}

	public int sendToGroup(String group, String records, Collection<String> excluded) {
		List<ClientConnection> targets;
		synchronized (this) {
			targets = groupMembers(group).stream()
				.filter((connection) -> !excluded.contains(connection.id()))
				.toList();
		}
		return send(records, targets);
	}

	/**
	 * @return {@code false} if there is no such connection
	 */
	public synchronized boolean addToGroup(String connectionId, @Nullable String group) {
		if (!this.connections.containsKey(connectionId)) {
			return false;
		}
		this.groupConnections.computeIfAbsent(group, (key) -> new HashSet<>()).add(connectionId);
		return true;
	}

	/**
	 * @return {@code false} if the connection was not in the group
	 */
	public synchronized boolean removeFromGroup(String connectionId, @Nullable String group) {
		Set<String> members = this.groupConnections.get(group);
		boolean removed = members != null && members.remove(connectionId);
		if (members != null && members.isEmpty()) {
			this.groupConnections.remove(group);
		}
		return removed;
	}

	public synchronized void removeFromAllGroups(String connectionId) {
		for (String group : List.copyOf(this.groupConnections.keySet())) {
			removeFromGroup(connectionId, group);
		}
	}

	/**
	 * Adds a user to a group: the user's connections, now and (unless {@code ttl} is zero) later, until {@code ttl}
	 * has passed.
	 * @param ttl how long, or {@code null} for none: then at most a year, among the user's
	 * {@value #MAX_GROUPS_WITHOUT_TTL} most recently updated groups without one
	 */
	public synchronized void addUserToGroup(String userId, @Nullable String group, @Nullable Duration ttl) {
		if (ttl != null && ttl.isZero()) {
			// The service's documented meaning of ttl=0: only the user's current connections join.
			this.connections.values()
				.stream()
				.filter((connection) -> userId.equals(connection.userId()))
				.forEach((connection) -> addToGroup(connection.id(), group));
			return;
		}
		Instant now = this.clock.instant();
		LinkedHashMap<String, Membership> groups = this.userGroups.computeIfAbsent(userId,
				(key) -> new LinkedHashMap<>());
		// Removed first so that the group moves to the end: the most recently updated.
		groups.remove(group);
		groups.put(group, new Membership(now.plus((ttl != null) ? ttl : MAX_MEMBERSHIP), ttl == null));
		if (ttl == null) {
			List<String> withoutTtl = groups.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().withoutTtl())
				.map(Map.Entry::getKey)
				.toList();
			withoutTtl.subList(0, Math.max(0, withoutTtl.size() - MAX_GROUPS_WITHOUT_TTL)).forEach(groups::remove);
		}
	}

	/**
	 * Removes a user, and each of the user's connections, from a group.
	 */
	public synchronized void removeUserFromGroup(String userId, @Nullable String group) {
		Map<String, Membership> groups = this.userGroups.get(userId);
		if (groups != null) {
			groups.remove(group);
			if (groups.isEmpty()) {
				this.userGroups.remove(userId);
			}
		}
		userConnections(userId).forEach((connection) -> removeFromGroup(connection.id(), group));
	}

	public synchronized void removeUserFromAllGroups(String userId) {
		this.userGroups.remove(userId);
		userConnections(userId).forEach((connection) -> removeFromAllGroups(connection.id()));
	}

	/**
	 * Closes the connections {@code selector} picks, sending each a close message with {@code reason}.
	 * @return how many were closed
	 */
	public int close(Predicate<ClientConnection> selector, @Nullable String reason) {
		List<ClientConnection> targets = select(selector);
		targets.forEach((connection) -> connection.close(reason));
		return targets.size();
	}

	/**
	 * The connections in a group, for closing them.
	 */
	public synchronized Set<String> groupConnectionIds(String group) {
		Set<String> ids = new HashSet<>();
		groupMembers(group).forEach((connection) -> ids.add(connection.id()));
		return ids;
	}

	private List<ClientConnection> userConnections(String userId) {
		return this.connections.values().stream().filter((connection) -> userId.equals(connection.userId())).toList();
	}

	private Set<ClientConnection> groupMembers(String group) {
		Set<ClientConnection> members = new LinkedHashSet<>();
		this.groupConnections.getOrDefault(group, Set.of())
			.stream()
			.map(this.connections::get)
			.filter(Objects::nonNull)
			.forEach(members::add);
		Instant now = this.clock.instant();
		for (ClientConnection connection : this.connections.values()) {
			if (connection.userId() != null && isMember(connection.userId(), group, now)) {
				members.add(connection);
			}
		}
		return members;
	}

	private boolean isMember(String userId, @Nullable String group, Instant now) {
		Membership membership = this.userGroups.getOrDefault(userId, new LinkedHashMap<>()).get(group);
		return membership != null && now.isBefore(membership.end());
	}

	/**
	 * A user's membership of a group.
	 *
	 * @param end when it ends
	 * @param withoutTtl whether it was made without {@code ttl} (and so counts against the hundred such groups)
	 */
	private record Membership(Instant end, boolean withoutTtl) {
	}

	private synchronized List<ClientConnection> select(Predicate<ClientConnection> selector) {
		return this.connections.values().stream().filter(selector).toList();
	}

	private static int send(String records, List<ClientConnection> targets) {
		targets.forEach((connection) -> connection.send(records));
		return targets.size();
	}

	@Override
	public String toString() {
		return "Hub[" + this.name + "]";
	}

}

package io.github.springsignalr.emulator.hub;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.github.springsignalr.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Hub}: connections, users and groups, with membership by connection and by user (with a time to live).
 */
class HubTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));

	private final Hub hub = new Hub("chat", this.clock);

	@Test
	void broadcastSkipsExcludedConnections() {
		ClientConnection a = connect("a", "alice");
		ClientConnection b = connect("b", "bob");
		assertThat(this.hub.broadcast("m", List.of("b"))).isEqualTo(1);
		assertThat(received(a)).containsExactly("m");
		assertThat(received(b)).isEmpty();
	}

	@Test
	void userMembershipCoversLaterConnectionsUntilItsTimeToLiveEnds() {
		connect("a1", "alice");
		this.hub.addUserToGroup("alice", "team", Duration.ofMinutes(5));
		ClientConnection later = connect("a2", "alice");
		assertThat(this.hub.groupConnectionIds("team")).containsExactlyInAnyOrder("a1", "a2");
		assertThat(this.hub.userInGroup("alice", "team")).isTrue();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.hub.groupExists("team")).isFalse();
		assertThat(this.hub.userInGroup("alice", "team")).isFalse();
		assertThat(this.hub.sendToGroup("team", "m", Set.of())).isZero();
		assertThat(received(later)).isEmpty();
	}

	@Test
	void userMembershipOutlivesItsConnections() {
		ClientConnection first = connect("a1", "alice");
		this.hub.addUserToGroup("alice", "team", null);
		this.hub.remove(first);
		assertThat(this.hub.groupExists("team")).isFalse();
		assertThat(this.hub.userInGroup("alice", "team")).isTrue();
		connect("a2", "alice");
		assertThat(this.hub.groupConnectionIds("team")).containsExactly("a2");
	}

	@Test
	void membershipWithoutTimeToLiveEndsAfterAYear() {
		connect("a1", "alice");
		this.hub.addUserToGroup("alice", "team", null);
		this.clock.advance(Hub.MAX_MEMBERSHIP.minusSeconds(1));
		assertThat(this.hub.userInGroup("alice", "team")).isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.hub.userInGroup("alice", "team")).as("a year at most").isFalse();
		assertThat(this.hub.groupExists("team")).isFalse();
	}

	@Test
	void timeToLiveLongerThanAYearIsHonoured() {
		this.hub.addUserToGroup("alice", "team", Duration.ofDays(400));
		this.clock.advance(Duration.ofDays(399));
		assertThat(this.hub.userInGroup("alice", "team")).isTrue();
	}

	@Test
	void userKeepsTheHundredMostRecentlyUpdatedGroupsWithoutTimeToLive() {
		this.hub.addUserToGroup("alice", "with-ttl", Duration.ofHours(1));
		for (int i = 0; i < Hub.MAX_GROUPS_WITHOUT_TTL; i++) {
			this.hub.addUserToGroup("alice", "g" + i, null);
		}
		// g0 updated again: g1 is now the least recently updated.
		this.hub.addUserToGroup("alice", "g0", null);
		this.hub.addUserToGroup("alice", "g-new", null);
		assertThat(this.hub.userInGroup("alice", "g1")).as("the 101st group pushes out the oldest").isFalse();
		assertThat(this.hub.userInGroup("alice", "g0")).isTrue();
		assertThat(this.hub.userInGroup("alice", "g2")).isTrue();
		assertThat(this.hub.userInGroup("alice", "g-new")).isTrue();
		assertThat(this.hub.userInGroup("alice", "with-ttl")).as("a group with ttl does not count").isTrue();
	}

	@Test
	void zeroTimeToLiveAddsCurrentConnectionsOnly() {
		connect("a1", "alice");
		this.hub.addUserToGroup("alice", "team", Duration.ZERO);
		connect("a2", "alice");
		assertThat(this.hub.groupConnectionIds("team")).containsExactly("a1");
	}

	@Test
	void removingUserFromGroupRemovesItsConnectionsToo() {
		connect("a1", "alice");
		connect("b1", "bob");
		this.hub.addToGroup("a1", "team");
		this.hub.addToGroup("b1", "team");
		this.hub.addUserToGroup("alice", "team", null);
		this.hub.removeUserFromGroup("alice", "team");
		assertThat(this.hub.groupConnectionIds("team")).containsExactly("b1");
		this.hub.addUserToGroup("bob", "other", null);
		this.hub.removeUserFromAllGroups("bob");
		assertThat(this.hub.groupExists("team")).isFalse();
		assertThat(this.hub.groupExists("other")).isFalse();
	}

	@Test
	void goneConnectionLeavesItsGroupsAndCannotJoinOne() {
		ClientConnection a = connect("a", null);
		this.hub.addToGroup("a", "team");
		this.hub.remove(a);
		assertThat(this.hub.groupExists("team")).isFalse();
		assertThat(this.hub.addToGroup("a", "team")).isFalse();
		assertThat(this.hub.connectionExists("a")).isFalse();
		assertThat(this.hub.removeFromGroup("a", "team")).isFalse();
	}

	@Test
	void closeSendsCloseMessageAndEndsTheStream() {
		ClientConnection a = connect("a", "alice");
		assertThat(this.hub.close((connection) -> "alice".equals(connection.userId()), "bye")).isEqualTo(1);
		assertThat(a.isClosed()).isTrue();
		assertThat(a.closeReason()).isEqualTo("bye");
		assertThat(text(a.outbound().collectList().block()))
			.containsExactly("{\"type\":7,\"error\":\"bye\",\"allowReconnect\":false}\u001e");
		a.send("ignored");
	}

	private ClientConnection connect(String id, String userId) {
		ClientConnection connection = new ClientConnection(id, "chat", userId);
		this.hub.add(connection);
		return connection;
	}

	private static List<String> received(ClientConnection connection) {
		connection.end();
		return text(connection.outbound().collectList().block());
	}

	private static List<String> text(List<ClientConnection.Frame> frames) {
		assertThat(frames).noneMatch(ClientConnection.Frame::binary);
		return frames.stream().map((frame) -> new String(frame.payload(), StandardCharsets.UTF_8)).toList();
	}

}

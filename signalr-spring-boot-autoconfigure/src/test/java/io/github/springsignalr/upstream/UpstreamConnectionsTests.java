package io.github.springsignalr.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UpstreamConnections}.
 */
class UpstreamConnectionsTests {

	@Test
	void bindsAConnectionToTheHubOfItsFirstEventAndRefusesOthers() {
		UpstreamConnections connections = new UpstreamConnections(10, false);
		assertThat(connections.accept("c1", "Chat", "ann", true)).isTrue();
		assertThat(connections.accept("c1", "chat", "ann", false)).as("same hub, any case").isTrue();
		assertThat(connections.accept("c1", "admin", "ann", false)).isFalse();
		assertThat(connections.accept("c1", "admin", "ann", true)).as("a connected event replayed to another hub")
			.isFalse();
		assertThat(connections.hub("c1")).contains("chat");
	}

	@Test
	void bindsAConnectionToTheUserIdOfItsFirstEventAndRefusesAnotherOrNone() {
		UpstreamConnections connections = new UpstreamConnections(10, false);
		assertThat(connections.accept("c1", "chat", "ann", true)).isTrue();
		assertThat(connections.accept("c1", "chat", "ann", false)).isTrue();
		assertThat(connections.accept("c1", "chat", "bob", false)).isFalse();
		assertThat(connections.accept("c1", "chat", "Ann", false)).as("user ids are case-sensitive").isFalse();
		assertThat(connections.accept("c1", "chat", null, false)).as("the user id removed").isFalse();
		assertThat(connections.accept("c1", "chat", "", false)).as("the user id emptied").isFalse();
		assertThat(connections.accept("c2", "chat", null, true)).isTrue();
		assertThat(connections.accept("c2", "chat", "", false)).as("empty is anonymous").isTrue();
		assertThat(connections.accept("c2", "chat", "ann", false)).as("a user id added").isFalse();
	}

	@Test
	void trustsTheFirstEventOfAnUnknownConnectionUnlessAConnectedEventIsRequired() {
		assertThat(new UpstreamConnections(10, false).accept("c1", "chat", "ann", false)).isTrue();
		UpstreamConnections strict = new UpstreamConnections(10, true);
		assertThat(strict.accept("c1", "chat", "ann", false)).isFalse();
		assertThat(strict.hub("c1")).isEmpty();
		assertThat(strict.accept("c1", "chat", "ann", true)).isTrue();
		assertThat(strict.accept("c1", "chat", "ann", false)).isTrue();
	}

	@Test
	void forgetsTheLeastRecentlySeenBeyondItsCapacity() {
		UpstreamConnections connections = new UpstreamConnections(2, false);
		connections.accept("c1", "chat", "ann", true);
		connections.accept("c2", "chat", "ann", true);
		connections.accept("c1", "chat", "ann", false);
		connections.accept("c3", "chat", "ann", true);
		assertThat(connections.size()).isEqualTo(2);
		assertThat(connections.hub("c2")).isEmpty();
		assertThat(connections.hub("c1")).contains("chat");
		assertThat(connections.hub("c3")).contains("chat");
	}

	@Test
	void needsAPositiveCapacity() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UpstreamConnections(0, false));
	}

}

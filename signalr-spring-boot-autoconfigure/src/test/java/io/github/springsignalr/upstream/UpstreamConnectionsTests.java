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
		assertThat(connections.accept("c1", "Chat", true)).isTrue();
		assertThat(connections.accept("c1", "chat", false)).as("same hub, any case").isTrue();
		assertThat(connections.accept("c1", "admin", false)).isFalse();
		assertThat(connections.accept("c1", "admin", true)).as("a connected event replayed to another hub").isFalse();
		assertThat(connections.hub("c1")).contains("chat");
	}

	@Test
	void trustsTheFirstEventOfAnUnknownConnectionUnlessAConnectedEventIsRequired() {
		assertThat(new UpstreamConnections(10, false).accept("c1", "chat", false)).isTrue();
		UpstreamConnections strict = new UpstreamConnections(10, true);
		assertThat(strict.accept("c1", "chat", false)).isFalse();
		assertThat(strict.hub("c1")).isEmpty();
		assertThat(strict.accept("c1", "chat", true)).isTrue();
		assertThat(strict.accept("c1", "chat", false)).isTrue();
	}

	@Test
	void forgetsTheLeastRecentlySeenBeyondItsCapacity() {
		UpstreamConnections connections = new UpstreamConnections(2, false);
		connections.accept("c1", "chat", true);
		connections.accept("c2", "chat", true);
		connections.accept("c1", "chat", false);
		connections.accept("c3", "chat", true);
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

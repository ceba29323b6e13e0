package io.github.springsignalr.emulator.keyvault;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SecretStore}.
 */
class SecretStoreTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.500Z");

	private final SecretStore store = new SecretStore(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void everySetMakesANewLatestVersion() {
		SecretVersion first = this.store.set("name", "one");
		SecretVersion second = this.store.set("name", "two");
		assertThat(first.version()).matches("[0-9a-f]{32}").isNotEqualTo(second.version());
		assertThat(this.store.versions("name")).containsExactly(first, second);
		assertThat(this.store.get("name")).contains(second);
		assertThat(this.store.get("name", first.version())).contains(first);
	}

	@Test
	void namesAreCaseInsensitiveAndKeepTheirFirstSpelling() {
		this.store.set("SignalR-East", "one");
		SecretVersion second = this.store.set("signalr-east", "two");
		assertThat(second.name()).isEqualTo("SignalR-East");
		assertThat(this.store.get("SIGNALR-EAST")).contains(second);
	}

	@Test
	void setDefaultsToEnabledWithoutDatesAndTruncatesToSeconds() {
		SecretVersion version = this.store.set("name", "value",
				SecretAttributes.none().withNotBefore(Instant.parse("2026-12-01T00:00:00.900Z")));
		assertThat(version.enabled()).isTrue();
		assertThat(version.notBefore()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(version.expiresOn()).isNull();
		assertThat(version.created()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		assertThat(version.tags()).isEmpty();
	}

	@Test
	void updateChangesOnlyWhatIsGiven() {
		SecretVersion set = this.store.set("name", "value", SecretAttributes.none()
			.withExpiresOn(NOW.plusSeconds(60))
			.withContentType("text/plain")
			.withTags(Map.of("a", "b")));
		SecretVersion updated = this.store.update("name", set.version(), SecretAttributes.none().withEnabled(false))
			.orElseThrow();
		assertThat(updated.enabled()).isFalse();
		assertThat(updated.expiresOn()).isEqualTo(set.expiresOn());
		assertThat(updated.contentType()).isEqualTo("text/plain");
		assertThat(updated.tags()).containsExactly(Map.entry("a", "b"));
		assertThat(updated.value()).isEqualTo("value");
		assertThat(this.store.get("name")).contains(updated);
	}

	@Test
	void updateOfUnknownSecretOrVersionIsEmpty() {
		this.store.set("name", "value");
		assertThat(this.store.update("other", null, SecretAttributes.none())).isEmpty();
		assertThat(this.store.update("name", "ffffffffffffffffffffffffffffffff", SecretAttributes.none())).isEmpty();
	}

	@Test
	void latestVersionsListsOneVersionPerSecretByName() {
		this.store.set("b", "1");
		SecretVersion b2 = this.store.set("b", "2");
		SecretVersion a = this.store.set("A", "1");
		assertThat(this.store.latestVersions()).containsExactly(a, b2);
	}

	@Test
	void deletedSecretKeepsItsNameUntilPurged() {
		this.store.set("name", "value");
		assertThat(this.store.delete("name")).get().extracting(DeletedSecret::deletedOn).isNotNull();
		assertThat(this.store.get("name")).isEmpty();
		assertThat(this.store.versions("name")).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> this.store.set("name", "again"));
		assertThat(this.store.purge("name")).isTrue();
		assertThat(this.store.set("name", "again").value()).isEqualTo("again");
	}

	@Test
	void invalidNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.set("under_score", "value"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.set("", "value"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.set("x".repeat(128), "value"));
	}

	@Test
	void toStringNeverShowsTheValue() {
		SecretVersion version = this.store.set("name", "Endpoint=https://x;AccessKey=sensitive;");
		assertThat(version.toString()).contains("name").doesNotContain("sensitive");
	}

	@Test
	void activityFollowsTheDates() {
		SecretVersion version = this.store.set("name", "value",
				SecretAttributes.none().withNotBefore(NOW.plusSeconds(10)).withExpiresOn(NOW.plusSeconds(20)));
		assertThat(version.isActiveAt(NOW)).isFalse();
		assertThat(version.isActiveAt(NOW.plusSeconds(10))).isTrue();
		assertThat(version.isActiveAt(NOW.plusSeconds(20))).isFalse();
	}

}

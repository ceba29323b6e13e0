package io.github.springsignalr.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsignalr.testsupport.MovableClock;
import io.github.springsignalr.actuate.KeyRefreshStatus;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.SignalREndpoint;
import io.github.springsignalr.actuate.internal.SignalRMeters;
import io.github.springsignalr.actuate.internal.SignalREndpointsHealthContributor;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.keyvault.internal.KeyVaultConnectionStringResolver.WatchedSecret;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;
import io.github.springsignalr.endpoint.AccessKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stale vault, as health shows it: a real {@link KeyVaultSecretWatcher} over a vault that stops answering (the
 * {@link KeyVaultSecrets} boundary), on a clock the test moves. One failed poll is not staleness; failures for longer
 * than two refresh intervals are; the endpoint stays up throughout, on its last good key. And a slow vault does not
 * make health slow.
 */
class KeyVaultRefreshStatusSourceTests {

	private static final String KEY = "c3RhbGUtdmF1bHQtdGVzdC1rZXktbm90LWEtcmVhbC0=";

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey=" + KEY
			+ ";Version=1.0;";

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private static final EndpointId WEST = new EndpointId("west", EndpointType.SECONDARY);

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	private final MovableClock clock = new MovableClock(START);

	private final FlakyVault vault = new FlakyVault();

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
			List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, CONNECTION_STRING), ServiceEndpoint.of("west",
					EndpointType.SECONDARY, "Endpoint=https://west.service.signalr.net;AccessKey="
							+ "d2VzdC1ub3QtZm9sbG93ZWQta2V5LW5vdC1hLXJlYWw=;Version=1.0;")),
			null, this.clock);

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final KeyVaultSecretWatcher watcher = new KeyVaultSecretWatcher(this.vault, this.registry,
			List.of(new WatchedSecret(EAST, FlakyVault.REFERENCE, "v1", this.vault.versions(FlakyVault.REFERENCE))),
			INTERVAL, this.clock, null,
			new SignalRMeters(this.meterRegistry, this.registry, KeyRefreshStatusSource.NONE));

	private final KeyVaultRefreshStatusSource source = new KeyVaultRefreshStatusSource(provider(this.watcher),
			INTERVAL, this.clock);

	private final SignalREndpointsHealthContributor health = new SignalREndpointsHealthContributor(this.registry,
			new KeyRotationStatus(this.registry, Duration.ofHours(1), this.clock), this.source, this.clock);

	@Test
	void aFollowedKeyIsFreshWhileTheVaultAnswers() {
		this.clock.advance(Duration.ofSeconds(30));
		this.watcher.refresh(EAST);
		KeyRefreshStatus status = this.source.refreshStatus(EAST).orElseThrow();
		assertThat(status.source()).isEqualTo("https://vault.vault.azure.net/secrets/east");
		assertThat(status.version()).isEqualTo("v1");
		assertThat(status.lastRefresh()).isEqualTo(START.plusSeconds(30));
		assertThat(status.lastError()).isNull();
		assertThat(status.stale()).isFalse();
		Health east = health("east-primary");
		assertThat(east.getStatus()).isEqualTo(Status.UP);
		assertThat(east.getDetails()).containsEntry("stale", false)
			.containsEntry("lastRefresh", START.plusSeconds(30).toString())
			.doesNotContainKey("lastError");
	}

	@Test
	void oneFailedPollShowsTheErrorButIsNotStale() {
		this.vault.down = true;
		this.clock.advance(Duration.ofSeconds(30));
		this.watcher.refresh(EAST);
		KeyRefreshStatus status = this.source.refreshStatus(EAST).orElseThrow();
		assertThat(status.stale()).isFalse();
		assertThat(status.lastError()).contains("could not be listed").contains("Connection refused");
		assertThat(status.lastErrorAt()).isEqualTo(START.plusSeconds(30));
		assertThat(health("east-primary").getDetails()).containsEntry("stale", false)
			.containsEntry("lastError", status.lastError());
	}

	@Test
	void aVaultDownForLongerThanTwoIntervalsIsStaleAndTheEndpointStaysUpOnItsLastGoodKey() {
		String keyId = this.registry.find(EAST).orElseThrow().accessKey().id();
		this.vault.down = true;
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(30));
			this.watcher.refresh(EAST);
		}
		KeyRefreshStatus status = this.source.refreshStatus(EAST).orElseThrow();
		assertThat(status.staleness()).isEqualTo(Duration.ofSeconds(150));
		assertThat(this.meterRegistry.get(SignalRMeters.KEY_REFRESH_FAILURES)
			.tag("endpoint", "east-primary")
			.tag("reason", "source_error")
			.counter()
			.count()).isEqualTo(5);
		assertThat(status.stale()).isTrue();
		assertThat(status.lastRefresh()).isEqualTo(START);
		Health east = health("east-primary");
		assertThat(east.getStatus()).isEqualTo(Status.UP);
		assertThat(east.getDetails()).containsEntry("stale", true)
			.containsEntry("keyId", keyId)
			.containsEntry("lastRefresh", START.toString())
			.containsEntry("keySource", "https://vault.vault.azure.net/secrets/east");
		assertThat(east.getDetails().get("lastError").toString()).contains("could not be listed");
		assertThat(east.toString()).doesNotContain(KEY).doesNotContainPattern("[A-Za-z0-9+/]{43}=");
		// An endpoint not followed in Key Vault has no refresh status at all.
		assertThat(this.source.refreshStatus(WEST)).isEmpty();
		assertThat(health("west-secondary").getDetails()).doesNotContainKeys("stale", "lastRefresh");

		this.vault.down = false;
		this.clock.advance(Duration.ofSeconds(30));
		this.watcher.refresh(EAST);
		assertThat(this.source.refreshStatus(EAST).orElseThrow().stale()).isFalse();
		assertThat(health("east-primary").getDetails()).containsEntry("stale", false)
			.containsEntry("lastRefresh", START.plusSeconds(180).toString());
	}

	@Test
	void healthAnswersWhileAPollWaitsForTheVault() throws Exception {
		this.vault.entered = new CountDownLatch(1);
		this.vault.release = new CountDownLatch(1);
		CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> this.watcher.refresh(EAST));
		try {
			assertThat(this.vault.entered.await(30, TimeUnit.SECONDS)).as("the poll reached the vault").isTrue();
			// The poll holds the secret's lock while it waits: the status must not wait for it.
			Health east = CompletableFuture.supplyAsync(() -> health("east-primary")).get(30, TimeUnit.SECONDS);
			assertThat(east.getStatus()).isEqualTo(Status.UP);
			assertThat(poll).isNotDone();
		}
		finally {
			this.vault.release.countDown();
		}
		poll.get(30, TimeUnit.SECONDS);
	}

	@Test
	void withoutAWatcherNoKeyIsFollowed() {
		KeyVaultRefreshStatusSource none = new KeyVaultRefreshStatusSource(
				new StaticListableBeanFactory().getBeanProvider(KeyVaultSecretWatcher.class), INTERVAL, this.clock);
		assertThat(none.refreshStatus(EAST)).isEmpty();
	}

	@Test
	void theVersionShownIsThatOfTheKeyShownWhileTheWatcherSwitches() {
		String nextKey = "bmV4dC12ZXJzaW9uLWtleS1mb3ItdGhlLXN0YXR1cy10ZXM=";
		List<String> seen = new CopyOnWriteArrayList<>();
		AtomicReference<SignalREndpoint> endpoint = new AtomicReference<>();
		// Read as an operator's request would, at the worst moment: the instant the registry holds the new key.
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
				List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, CONNECTION_STRING)),
				(event) -> endpoint.get().signalr().endpoints().forEach((described) -> seen.add(described.key().id()
						+ " from " + described.lastRefresh().version())),
				this.clock);
		KeyVaultSecrets vault = new KeyVaultSecrets() {

			@Override
			public List<SecretVersionProperties> versions(KeyVaultReference reference) {
				return List.of(new SecretVersionProperties("v1", true, null, null, START.minusSeconds(3600)),
						new SecretVersionProperties("v2", true, null, null, START.plusSeconds(10)));
			}

			@Override
			public String value(KeyVaultReference reference, String version) {
				return version.equals("v2") ? CONNECTION_STRING.replace(KEY, nextKey) : CONNECTION_STRING;
			}

		};
		KeyVaultSecretWatcher watcher = new KeyVaultSecretWatcher(vault, registry,
				List.of(new WatchedSecret(EAST, FlakyVault.REFERENCE, "v1", this.vault.versions(FlakyVault.REFERENCE))),
				INTERVAL, this.clock, null);
		endpoint.set(new SignalREndpoint(registry, null,
				new KeyVaultRefreshStatusSource(provider(watcher), INTERVAL, this.clock), this.clock));
		this.clock.advance(Duration.ofSeconds(30));
		watcher.refresh(EAST);
		assertThat(seen).containsExactly(AccessKey.of(nextKey).id() + " from v2");
	}

	private Health health(String component) {
		return ((HealthIndicator) this.health.getContributor(component)).health();
	}

	private static ObjectProvider<KeyVaultSecretWatcher> provider(KeyVaultSecretWatcher watcher) {
		return new StaticListableBeanFactory(Map.of("watcher", watcher)).getBeanProvider(KeyVaultSecretWatcher.class);
	}

	/**
	 * A vault with one version of one secret, which stops answering while {@code down}, as an unreachable vault
	 * makes the Azure SDK throw.
	 */
	static final class FlakyVault implements KeyVaultSecrets {

		static final KeyVaultReference REFERENCE = KeyVaultReference
			.parse("@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/east/)");

		volatile boolean down;

		volatile CountDownLatch entered;

		volatile CountDownLatch release;

		@Override
		public List<SecretVersionProperties> versions(KeyVaultReference reference) {
			if (this.entered != null) {
				this.entered.countDown();
				await(this.release);
			}
			check();
			return List.of(new SecretVersionProperties("v1", true, null, null, START.minusSeconds(3600)));
		}

		@Override
		public String value(KeyVaultReference reference, String version) {
			check();
			return CONNECTION_STRING;
		}

		private static void await(CountDownLatch latch) {
			try {
				latch.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

				private void check() {
			if (this.down) {
				throw new IllegalStateException("Connection refused: vault.vault.azure.net");
			}
		}

	}

}

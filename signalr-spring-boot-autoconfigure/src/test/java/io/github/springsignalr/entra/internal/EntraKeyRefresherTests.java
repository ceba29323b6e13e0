package io.github.springsignalr.entra.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsignalr.testsupport.MovableClock;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EntraKeyRefresher}: against the emulators for the key's life, with a scripted access-key client
 * and a clock the test moves for failures.
 */
class EntraKeyRefresherTests {

	@RegisterExtension
	static final SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().entra(true).build();

	/** Temporary keys that live three seconds, for the refresh before expiry. */
	@RegisterExtension
	static final SignalREmulatorExtension shortLivedKeys = SignalREmulatorExtension.builder()
		.entra(true)
		.temporaryKeyLifetime(Duration.ofSeconds(3))
		.build();

	private static final ServiceEndpoint ENTRA = ServiceEndpoint
		.of("Endpoint=https://demo.service.signalr.net;AuthType=azure.msi;Version=1.0;");

	private static final AccessKey FIRST = new AccessKey("first", "first-temporary-key");

	private static final AccessKey SECOND = new AccessKey("second", "second-temporary-key");

	@Test
	void startTakesTheEndpointOfflineUntilItsFirstKeyArrives() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			ServiceEndpoint endpoint = setup.endpoint();
			List<Boolean> onlineStates = new ArrayList<>();
			ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(endpoint),
					(event) -> onlineStates.add(((ServiceEndpointsChangedEvent) event)
						.current()
						.endpoints()
						.get(0)
						.online()));
			EntraKeyRefresher refresher = new EntraKeyRefresher(registry, setup.accessKeyClient(),
					Duration.ofMinutes(55), Duration.ofMinutes(5), EntraKeyRefresher.DEFAULT_KEY_LIFETIME, Clock.systemUTC());
			ThreadPoolTaskScheduler scheduler = scheduler();
			try {
				refresher.start(scheduler, Duration.ofSeconds(30));
				ServiceEndpoint started = registry.find(endpoint.id()).orElseThrow();
				assertThat(started.accessKey()).isNotNull();
				assertThat(started.online()).isTrue();
				assertThat(onlineStates).containsExactly(false, true);
				assertThat(setup.temporaryKeysIssued()).isOne();
			}
			finally {
				refresher.stop();
				scheduler.shutdown();
			}
		}
	}

	@Test
	void refreshesTheKeyBeforeTheServiceLetsItExpire() {
		try (EntraTestSetup setup = new EntraTestSetup(shortLivedKeys)) {
			ServiceEndpoint endpoint = setup.endpoint();
			ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(endpoint), null);
			EntraKeyRefresher refresher = new EntraKeyRefresher(registry, setup.accessKeyClient(),
					Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(3), Clock.systemUTC());
			ThreadPoolTaskScheduler scheduler = scheduler();
			Set<String> keyIds = ConcurrentHashMap.newKeySet();
			try {
				refresher.start(scheduler, Duration.ofSeconds(30));
				await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
					ServiceEndpoint current = registry.find(endpoint.id()).orElseThrow();
					keyIds.add(current.accessKey().id());
					return keyIds.size() >= 3;
				});
				assertThat(registry.find(endpoint.id()).orElseThrow().online()).isTrue();
				assertThat(setup.temporaryKeysIssued()).isGreaterThanOrEqualTo(3);
			}
			finally {
				refresher.stop();
				scheduler.shutdown();
			}
		}
	}

	@Test
	void endpointAddedWhileRunningGetsItsKeyAtOnce() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			ServiceEndpoint added = setup.endpoint();
			EntraKeyRefresher[] refresher = new EntraKeyRefresher[1];
			ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(),
					(event) -> refresher[0].onChange((ServiceEndpointsChangedEvent) event));
			refresher[0] = new EntraKeyRefresher(registry, setup.accessKeyClient(), Duration.ofMinutes(55),
					Duration.ofMinutes(5), EntraKeyRefresher.DEFAULT_KEY_LIFETIME, Clock.systemUTC());
			ThreadPoolTaskScheduler scheduler = scheduler();
			try {
				refresher[0].start(scheduler, Duration.ofSeconds(30));
				registry.update((endpoints) -> {
					endpoints.add(added.withOnline(false));
					return endpoints;
				});
				await().atMost(Duration.ofSeconds(20))
					.until(() -> registry.find(added.id()).orElseThrow().accessKey() != null);
				assertThat(registry.find(added.id()).orElseThrow().online()).isTrue();
			}
			finally {
				refresher[0].stop();
				scheduler.shutdown();
			}
		}
	}

	@Test
	void failedRefreshKeepsTheKeyForItsLifetimeThenTakesTheEndpointOffline() {
		MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
		ScriptedClient client = new ScriptedClient(FIRST, null, null, SECOND);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(ENTRA.withOnline(false)), null);
		EntraKeyRefresher refresher = new EntraKeyRefresher(registry, client, Duration.ofMinutes(55),
				Duration.ofMinutes(5), EntraKeyRefresher.DEFAULT_KEY_LIFETIME, clock);
		EndpointId id = ENTRA.id();

		assertThat(refresher.refresh(id, 1)).isTrue();
		assertThat(registry.find(id).orElseThrow()).satisfies((endpoint) -> {
			assertThat(endpoint.accessKey()).isEqualTo(FIRST);
			assertThat(endpoint.online()).isTrue();
		});

		clock.advance(Duration.ofMinutes(60));
		assertThat(refresher.refresh(id, 1)).isFalse();
		assertThat(registry.find(id).orElseThrow()).satisfies((endpoint) -> {
			assertThat(endpoint.accessKey()).as("still within its lifetime").isEqualTo(FIRST);
			assertThat(endpoint.online()).isTrue();
		});

		clock.advance(Duration.ofMinutes(25));
		assertThat(refresher.refresh(id, 1)).isFalse();
		assertThat(registry.find(id).orElseThrow()).satisfies((endpoint) -> {
			assertThat(endpoint.accessKey()).as("85 minutes old: 5 minutes before the service lets it expire")
				.isNull();
			assertThat(endpoint.online()).isFalse();
		});

		clock.advance(Duration.ofMinutes(5));
		assertThat(refresher.refresh(id, 1)).isTrue();
		assertThat(registry.find(id).orElseThrow()).satisfies((endpoint) -> {
			assertThat(endpoint.accessKey()).isEqualTo(SECOND);
			assertThat(endpoint.online()).isTrue();
		});
	}

	@Test
	void failedFetchIsTriedThreeTimes() {
		ScriptedClient client = new ScriptedClient(null, null, FIRST);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(ENTRA.withOnline(false)), null);
		EntraKeyRefresher refresher = new EntraKeyRefresher(registry, client, Duration.ofMinutes(55),
				Duration.ofMinutes(5), EntraKeyRefresher.DEFAULT_KEY_LIFETIME, new MovableClock(Instant.parse("2026-11-23T10:00:00Z")));
		refresher.setFirstPause(Duration.ofMillis(1));
		assertThat(refresher.refresh(ENTRA.id(), EntraKeyRefresher.ATTEMPTS)).isTrue();
		assertThat(client.calls.get()).isEqualTo(3);
		assertThat(registry.find(ENTRA.id()).orElseThrow().accessKey()).isEqualTo(FIRST);
	}

	@Test
	void endpointHealthCheckedOfflineWithItsKeyStaysOffline() {
		ScriptedClient client = new ScriptedClient(SECOND);
		ServiceEndpoint withKey = ENTRA.withAccessKey(FIRST).withOnline(false);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(withKey), null);
		EntraKeyRefresher refresher = new EntraKeyRefresher(registry, client, Duration.ofMinutes(55),
				Duration.ofMinutes(5), EntraKeyRefresher.DEFAULT_KEY_LIFETIME, new MovableClock(Instant.parse("2026-11-23T10:00:00Z")));
		assertThat(refresher.refresh(ENTRA.id(), 1)).isTrue();
		assertThat(registry.find(ENTRA.id()).orElseThrow()).satisfies((endpoint) -> {
			assertThat(endpoint.accessKey()).isEqualTo(SECOND);
			assertThat(endpoint.online()).as("offline for its health, not for want of a key").isFalse();
		});
	}

	@Test
	void accessKeyEndpointsAreLeftAlone() {
		ServiceEndpoint accessKey = ServiceEndpoint
			.of("Endpoint=https://demo.service.signalr.net;AccessKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=;");
		ScriptedClient client = new ScriptedClient(FIRST);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(accessKey), null);
		EntraKeyRefresher refresher = new EntraKeyRefresher(registry, client, Duration.ofMinutes(55),
				Duration.ofMinutes(5), EntraKeyRefresher.DEFAULT_KEY_LIFETIME, new MovableClock(Instant.parse("2026-11-23T10:00:00Z")));
		assertThat(refresher.refresh(accessKey.id(), 1)).isFalse();
		assertThat(client.calls.get()).isZero();
		assertThat(registry.find(accessKey.id())).contains(accessKey);
	}

	private static ThreadPoolTaskScheduler scheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setDaemon(true);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Answers with the keys given in turn, {@code null} standing for a failure. A unit boundary: what the service
	 * answers is proved against the emulator in {@link EntraAccessKeyClientTests}.
	 */
	private static final class ScriptedClient extends EntraAccessKeyClient {

		private final Deque<Optional<AccessKey>> answers = new ArrayDeque<>();

		private final AtomicInteger calls = new AtomicInteger();

		ScriptedClient(AccessKey... answers) {
			super(null, null, Duration.ofSeconds(1));
			for (AccessKey answer : answers) {
				this.answers.add(Optional.ofNullable(answer));
			}
		}

		@Override
		public AccessKey fetch(ServiceEndpoint endpoint) {
			this.calls.incrementAndGet();
			return this.answers.removeFirst()
				.orElseThrow(() -> new EntraAuthenticationException("Could not get a temporary access key: test", null));
		}

	}

}

package io.github.springsignalr.endpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.connectionstring.Secrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ServiceEndpointRegistry}.
 */
class ServiceEndpointRegistryTests {

	private static final String KEY_1 = "a2V5LW9uZS1mb3ItcmVnaXN0cnktdGVzdHMtb25seS0=";

	private static final String KEY_2 = "a2V5LXR3by1mb3ItcmVnaXN0cnktdGVzdHMtb25seS0=";

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
			List.of(endpoint("east", EndpointType.PRIMARY, KEY_1), endpoint("west", EndpointType.SECONDARY, KEY_1)),
			this.events::add, Clock.fixed(this.now, ZoneOffset.UTC));

	@Test
	void startsAtVersionZeroInDeclarationOrder() {
		assertThat(this.registry.snapshot().version()).isZero();
		assertThat(this.registry.endpoints()).extracting(ServiceEndpoint::name).containsExactly("east", "west");
		assertThat(this.events).isEmpty();
	}

	@Test
	void registersEveryKeyItHoldsAsAKnownSecret() {
		// Shaped as no pattern knows: only its registration gets it redacted.
		String initial = "initial~key." + System.nanoTime();
		String rotated = "rotated~key." + System.nanoTime();
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
				List.of(new ServiceEndpoint("east", EndpointType.PRIMARY,
						ConnectionString.parse("Endpoint=https://east.service.signalr.net;AccessKey=" + initial),
						AccessKey.of(initial), true)),
				null);
		assertThat(Secrets.redact("key " + initial)).isEqualTo("key <redacted>");
		registry.update(new EndpointId("east", EndpointType.PRIMARY),
				(endpoint) -> endpoint.withAccessKey(new AccessKey("temporary", rotated)));
		assertThat(Secrets.redact("old " + initial + ", new " + rotated)).isEqualTo("old <redacted>, new <redacted>");
	}

	@Test
	void keyChangeIsPublishedAsAChangeWithTheNewSnapshot() {
		EndpointId east = new EndpointId("east", EndpointType.PRIMARY);
		EndpointSnapshot before = this.registry.snapshot();
		ServiceEndpointsChangedEvent event = this.registry
			.update(east, (endpoint) -> endpoint.withAccessKey(AccessKey.of(KEY_2)))
			.orElseThrow();
		assertThat(this.events).containsExactly(event);
		assertThat(event.previous()).isSameAs(before);
		assertThat(event.current()).isSameAs(this.registry.snapshot());
		assertThat(event.current().version()).isEqualTo(1);
		assertThat(event.timestamp()).isEqualTo(this.now);
		assertThat(event.added()).isEmpty();
		assertThat(event.removed()).isEmpty();
		assertThat(event.changed()).singleElement().satisfies((change) -> {
			assertThat(change.keyChanged()).isTrue();
			assertThat(change.onlineChanged()).isFalse();
			assertThat(change.before().accessKey().value()).isEqualTo(KEY_1);
			assertThat(change.after().accessKey().value()).isEqualTo(KEY_2);
		});
		assertThat(this.registry.find(east).orElseThrow().accessKey().id()).isEqualTo(AccessKey.fingerprint(KEY_2));
	}

	@Test
	void addAndRemoveArePublished() {
		ServiceEndpoint north = endpoint("north", EndpointType.PRIMARY, KEY_2);
		ServiceEndpointsChangedEvent event = this.registry.update((endpoints) -> {
			endpoints.removeIf((endpoint) -> endpoint.name().equals("west"));
			endpoints.add(north);
			return endpoints;
		}).orElseThrow();
		assertThat(event.added()).containsExactly(north);
		assertThat(event.removed()).extracting(ServiceEndpoint::name).containsExactly("west");
		assertThat(event.changed()).isEmpty();
	}

	@Test
	void updateThatChangesNothingPublishesNothing() {
		assertThat(this.registry.update(new EndpointId("east", EndpointType.PRIMARY), (endpoint) -> endpoint.withOnline(true)))
			.isEmpty();
		assertThat(this.registry.update((endpoints) -> endpoints)).isEmpty();
		assertThat(this.registry.snapshot().version()).isZero();
		assertThat(this.events).isEmpty();
	}

	@Test
	void updateThatWouldDuplicateIsRefusedAndChangesNothing() {
		EndpointSnapshot before = this.registry.snapshot();
		assertThatExceptionOfType(DuplicateServiceEndpointException.class).isThrownBy(() -> this.registry
			.update((endpoints) -> {
				endpoints.add(endpoint("east", EndpointType.PRIMARY, KEY_2));
				return endpoints;
			}))
			.withMessageContaining("two endpoints are named east:primary");
		assertThat(this.registry.snapshot()).isSameAs(before);
		assertThat(this.events).isEmpty();
	}

	@Test
	void updateOfAnUnknownEndpointIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.update(new EndpointId("south", EndpointType.PRIMARY), (endpoint) -> endpoint))
			.withMessage("No endpoint south:primary");
	}

	@Test
	void updateCannotRenameAnEndpoint() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.update(new EndpointId("east", EndpointType.PRIMARY),
					(endpoint) -> new ServiceEndpoint("other", endpoint.type(), endpoint.connectionString(),
							endpoint.accessKey(), true)));
	}

	@Test
	void onlineViewsFollowTheFlag() {
		this.registry.update(new EndpointId("east", EndpointType.PRIMARY), (endpoint) -> endpoint.withOnline(false));
		EndpointSnapshot snapshot = this.registry.snapshot();
		assertThat(snapshot.online()).extracting(ServiceEndpoint::name).containsExactly("west");
		assertThat(snapshot.online(EndpointType.PRIMARY)).isEmpty();
		assertThat(snapshot.online(EndpointType.SECONDARY)).extracting(ServiceEndpoint::name).containsExactly("west");
	}

	@Test
	void aHubsViewTakesOfflineTheEndpointsUnavailableForItAndNeverBringsOneOnline() {
		EndpointId east = new EndpointId("east", EndpointType.PRIMARY);
		EndpointId west = new EndpointId("west", EndpointType.SECONDARY);
		EndpointSnapshot snapshot = this.registry.snapshot();
		assertThat(snapshot.forHub("chat", EndpointAvailability.REGISTRY)).isSameAs(snapshot);
		assertThat(snapshot.forHub("chat", (hub, endpoint) -> true)).isSameAs(snapshot);

		EndpointSnapshot chat = snapshot.forHub("chat",
				(hub, endpoint) -> !(hub.equals("chat") && endpoint.equals(east)));
		assertThat(chat.version()).isEqualTo(snapshot.version());
		assertThat(chat.online()).extracting(ServiceEndpoint::id).containsExactly(west);
		assertThat(chat.endpoints()).extracting(ServiceEndpoint::id).containsExactly(east, west);
		assertThat(snapshot.online()).as("the registry's snapshot is untouched").hasSize(2);

		this.registry.update(west, (endpoint) -> endpoint.withOnline(false));
		assertThat(this.registry.snapshot().forHub("chat", (hub, endpoint) -> true).online())
			.as("offline stays offline")
			.extracting(ServiceEndpoint::id)
			.containsExactly(east);
	}

	@Test
	void toStringShowsKeyIdsOnly() {
		assertThat(this.registry.toString()).contains("east:primary")
			.contains(AccessKey.fingerprint(KEY_1))
			.doesNotContain(KEY_1.substring(0, 8));
	}

	/**
	 * Writers change the keys of both endpoints together, readers check on every snapshot that both endpoints carry the
	 * same key: a reader that saw one endpoint changed and the other not would have seen a half-applied update.
	 */
	@Test
	void readersNeverSeeAHalfAppliedUpdate() throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong reads = new AtomicLong();
		List<String> torn = new CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch started = new CountDownLatch(3);
			List<Future<?>> readers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				readers.add(pool.submit(() -> {
					started.countDown();
					while (!stop.get()) {
						EndpointSnapshot snapshot = this.registry.snapshot();
						AccessKey first = snapshot.endpoints().get(0).accessKey();
						AccessKey second = snapshot.endpoints().get(1).accessKey();
						if (!first.equals(second)) {
							torn.add("version " + snapshot.version());
						}
						reads.incrementAndGet();
					}
				}));
			}
			started.await();
			Future<?> writer = pool.submit(() -> {
				for (int i = 0; i < 2_000; i++) {
					AccessKey key = AccessKey.of((i % 2 == 0) ? KEY_2 : KEY_1);
					this.registry.update((endpoints) -> endpoints.stream()
						.map((endpoint) -> endpoint.withAccessKey(key))
						.collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
				}
			});
			writer.get(60, TimeUnit.SECONDS);
			stop.set(true);
			for (Future<?> reader : readers) {
				reader.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(torn).isEmpty();
		assertThat(reads.get()).isPositive();
		assertThat(this.registry.snapshot().version()).isEqualTo(2_000);
		assertThat(this.events).hasSize(2_000);
	}

	private static ServiceEndpoint endpoint(String name, EndpointType type, String key) {
		return ServiceEndpoint.of(name, type, ConnectionString
			.parse("Endpoint=https://" + name + ".service.signalr.net;AccessKey=" + key + ";Version=1.0;"));
	}

}

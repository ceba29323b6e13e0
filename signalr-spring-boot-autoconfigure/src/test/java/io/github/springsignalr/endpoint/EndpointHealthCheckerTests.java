package io.github.springsignalr.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsignalr.endpoint.internal.EndpointHealthChecker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EndpointHealthChecker}.
 */
class EndpointHealthCheckerTests {

	private static final String KEY = "a2V5LWZvci1oZWFsdGgtY2hlY2tlci10ZXN0cy1vbmx5LQ==";

	private static final ServiceEndpoint EAST = ServiceEndpoint.of("east", EndpointType.PRIMARY,
			"Endpoint=https://east.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;");

	private static final ServiceEndpoint WEST = ServiceEndpoint.of("west", EndpointType.SECONDARY,
			"Endpoint=https://west.service.signalr.net;AuthType=azure;Version=1.0;");

	private static final ServiceEndpoint SOUTH = ServiceEndpoint.of("south", EndpointType.PRIMARY,
			"Endpoint=https://south.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;");

	private static final Duration RETRY = Duration.ofMillis(20);

	@Test
	void failedProbesLeaveASoleEndpointOnlineByDefault() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST), null);
		AtomicInteger probes = new AtomicInteger();
		EndpointHealthChecker checker = new EndpointHealthChecker(registry, (endpoint) -> {
			probes.incrementAndGet();
			return false;
		});
		checker.checkAll();
		checker.checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isTrue();
		assertThat(probes).as("a sole online endpoint is not probed, as in .NET").hasValue(0);
	}

	@Test
	void failedProbeTakesASoleEndpointOfflineWhenSingleEndpointsAreChecked() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST), null);
		new EndpointHealthChecker(registry, (endpoint) -> false, 0, RETRY, true).checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isFalse();
	}

	@Test
	void offlineSoleEndpointIsProbedAndComesBack() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST.withOnline(false)), null);
		new EndpointHealthChecker(registry, (endpoint) -> true).checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isTrue();
	}

	@Test
	void oneOfTwoEndpointsGoesOfflineOnlyAfterEveryRetryFailed() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST, SOUTH), null);
		AtomicInteger eastProbes = new AtomicInteger();
		long start = System.nanoTime();
		new EndpointHealthChecker(registry, (endpoint) -> {
			if (endpoint.id().equals(EAST.id())) {
				eastProbes.incrementAndGet();
				return false;
			}
			return true;
		}, 2, RETRY, false).checkAll();
		assertThat(eastProbes).as("the first probe and two retries").hasValue(3);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two retry intervals waited")
			.isGreaterThanOrEqualTo(RETRY.multipliedBy(2));
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isFalse();
		assertThat(registry.find(SOUTH.id()).orElseThrow().online()).isTrue();
	}

	@Test
	void endpointThatAnswersOnARetryStaysOnline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST, SOUTH), null);
		AtomicInteger eastProbes = new AtomicInteger();
		new EndpointHealthChecker(registry, (endpoint) -> !endpoint.id().equals(EAST.id())
				|| eastProbes.incrementAndGet() == 3, 2, RETRY, false).checkAll();
		assertThat(eastProbes).hasValue(3);
		assertThat(registry.find(EAST.id()).orElseThrow().online()).as("one dropped probe, then two: still online")
			.isTrue();
	}

	@Test
	void probeThatThrowsTakesAnEndpointOffline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST, SOUTH), null);
		new EndpointHealthChecker(registry, (endpoint) -> {
			if (endpoint.id().equals(SOUTH.id())) {
				return true;
			}
			throw new IllegalStateException("unreachable");
		}, 1, RETRY, false).checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isFalse();
	}

	@Test
	void healthyProbeBringsAnEndpointWithItsKeyBackOnline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST.withOnline(false)), null);
		new EndpointHealthChecker(registry, (endpoint) -> true).checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isTrue();
	}

	@Test
	void healthyProbeLeavesAnAccessKeyEndpointWithoutKeyOffline() {
		// As the Key Vault watcher leaves an endpoint whose key set has no valid version.
		ServiceEndpoint withoutKey = EAST.withAccessKey(null).withOnline(false);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(withoutKey), null);
		new EndpointHealthChecker(registry, (endpoint) -> true).checkAll();
		assertThat(registry.find(EAST.id())).contains(withoutKey);
	}

	@Test
	void healthyProbeLeavesAnEntraEndpointWithoutKeyOffline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(WEST.withOnline(false)), null);
		new EndpointHealthChecker(registry, (endpoint) -> true).checkAll();
		assertThat(registry.find(WEST.id()).orElseThrow().online()).isFalse();
	}

	@Test
	void healthyProbeBringsAnEntraEndpointWithItsTemporaryKeyBackOnline() {
		ServiceEndpoint withKey = WEST.withAccessKey(new AccessKey("temporary-key-id", KEY)).withOnline(false);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(withKey), null);
		new EndpointHealthChecker(registry, (endpoint) -> true).checkAll();
		assertThat(registry.find(WEST.id()).orElseThrow().online()).isTrue();
	}

	@Test
	void keyClearedWhileProbingKeepsTheEndpointOffline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST.withOnline(false)), null);
		new EndpointHealthChecker(registry, (endpoint) -> {
			// The verdict is healthy, but the key is taken away before it is applied.
			registry.update(EAST.id(), (current) -> current.withAccessKey(null));
			return true;
		}).checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isFalse();
	}

}

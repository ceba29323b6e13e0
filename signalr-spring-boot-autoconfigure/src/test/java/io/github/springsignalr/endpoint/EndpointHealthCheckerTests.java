package io.github.springsignalr.endpoint;

import java.util.List;

import io.github.springsignalr.token.AccessKey;
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

	@Test
	void failedProbeTakesAnEndpointOffline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST), null);
		new EndpointHealthChecker(registry, (endpoint) -> false).checkAll();
		assertThat(registry.find(EAST.id()).orElseThrow().online()).isFalse();
	}

	@Test
	void probeThatThrowsTakesAnEndpointOffline() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(EAST), null);
		new EndpointHealthChecker(registry, (endpoint) -> {
			throw new IllegalStateException("unreachable");
		}).checkAll();
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

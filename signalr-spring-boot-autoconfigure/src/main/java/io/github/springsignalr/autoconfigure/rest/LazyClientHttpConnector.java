package io.github.springsignalr.autoconfigure.rest;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.function.SingletonSupplier;

/**
 * The reactive template's connector, made at its first request for the reason {@link LazyClientHttpRequestFactory}
 * gives: a JDK {@code HttpClient} costs a selector thread and its TLS context while the application starts. Made once,
 * whichever thread asks first; making it is CPU-only, so an event loop may do it.
 */
final class LazyClientHttpConnector implements ClientHttpConnector {

	private final SingletonSupplier<ClientHttpConnector> connector;

	LazyClientHttpConnector(Supplier<? extends ClientHttpConnector> connector) {
		this.connector = SingletonSupplier.of(connector::get);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return Mono.defer(() -> this.connector.obtain().connect(method, uri, requestCallback));
	}

}

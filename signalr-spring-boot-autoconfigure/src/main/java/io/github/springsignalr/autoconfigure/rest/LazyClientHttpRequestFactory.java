package io.github.springsignalr.autoconfigure.rest;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * A request factory made at the first request: a JDK {@code HttpClient} starts a selector thread and, for its default
 * TLS context, loads the JSSE and the JCE (about 130 ms and 1,200 classes on two cores), which an application that
 * sends nothing at start-up should not pay while it starts. Made once, whichever thread asks first.
 */
final class LazyClientHttpRequestFactory implements ClientHttpRequestFactory {

	private final SingletonSupplier<ClientHttpRequestFactory> factory;

	LazyClientHttpRequestFactory(Supplier<? extends ClientHttpRequestFactory> factory) {
		this.factory = SingletonSupplier.of(factory::get);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return this.factory.obtain().createRequest(uri, httpMethod);
	}

}

package io.github.springsignalr.autoconfigure.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LazyClientHttpRequestFactory}.
 */
class LazyClientHttpRequestFactoryTests {

	private static final URI NOWHERE = URI.create("http://127.0.0.1:9/api/hubs/chat/:send");

	@Test
	void makesTheFactoryAtTheFirstRequestOnlyOnceWhateverTheThreads() throws Exception {
		AtomicInteger made = new AtomicInteger();
		LazyClientHttpRequestFactory lazy = new LazyClientHttpRequestFactory(() -> {
			made.incrementAndGet();
			return new SimpleClientHttpRequestFactory();
		});
		assertThat(made).hasValue(0);
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ClientHttpRequest>> requests = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				requests.add(executor.submit(() -> {
					go.await();
					return lazy.createRequest(NOWHERE, HttpMethod.POST);
				}));
			}
			go.countDown();
			for (Future<ClientHttpRequest> request : requests) {
				assertThat(request.get().getURI()).isEqualTo(NOWHERE);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(made).hasValue(1);
	}

}

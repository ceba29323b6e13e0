package io.github.springsignalr.rest;

import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.micrometer.observation.Observation;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one way {@link ReactiveSignalRTemplate} calls one endpoint: {@link EndpointCaller}'s steps (signing, the
 * answer's classification, the 401 refresh, the retries, the listener and the observation) over {@link WebClient},
 * with retries waited for on Reactor's timer rather than a sleeping thread. What may block (a key refresh after a 401,
 * and signing with a Microsoft Entra bearer token, which may have to be fetched) runs on {@code blocking}, never on
 * the event loop.
 */
final class ReactiveEndpointCaller {

	private final EndpointCaller steps;

	private final WebClient webClient;

	private final Scheduler blocking;

	ReactiveEndpointCaller(EndpointCaller steps, WebClient webClient, Scheduler blocking) {
		this.steps = steps;
		this.webClient = webClient;
		this.blocking = blocking;
	}

	/**
	 * What the endpoint answered in the end, after the 401 refresh and the retries; never an error signal.
	 */
	Mono<EndpointResult> call(ServiceEndpoint endpoint, HubRequest request) {
		return callOnce(endpoint, request).flatMap((attempt) -> {
			if (attempt.result().status() != 401) {
				return retries(endpoint, endpoint, request, attempt, 0);
			}
			return Mono.fromCallable(() -> this.steps.refreshedAfter401(endpoint))
				.subscribeOn(this.blocking)
				.flatMap((refreshed) -> refreshed
					.map((current) -> callOnce(current, request)
						.flatMap((again) -> retries(endpoint, current, request, again, 0)))
					.orElseGet(() -> retries(endpoint, endpoint, request, attempt, 0)));
		}).map(EndpointCaller.Attempt::result);
	}

	private Mono<EndpointCaller.Attempt> retries(ServiceEndpoint endpoint, ServiceEndpoint current,
			HubRequest request, EndpointCaller.Attempt attempt, int retry) {
		if (!this.steps.shouldRetry(attempt, request, retry)) {
			return Mono.just(attempt);
		}
		return Mono.delay(this.steps.retried(endpoint, request, attempt, retry))
			.then(callOnce(current, request))
			.flatMap((again) -> retries(endpoint, current, request, again, retry + 1));
	}

	private Mono<EndpointCaller.Attempt> callOnce(ServiceEndpoint endpoint, HubRequest request) {
		return Mono.defer(() -> {
			Observation observation = this.steps.startObservation(endpoint, request);
			long start = System.nanoTime();
			return signed(endpoint, request).flatMap((signed) -> exchange(signed, endpoint, request))
				.onErrorResume((ex) -> Mono.just(EndpointCaller.failed(endpoint, ex)))
				.doOnNext((attempt) -> this.steps.observed(observation, endpoint, attempt, start));
		});
	}

	private Mono<EndpointCaller.SignedRequest> signed(ServiceEndpoint endpoint, HubRequest request) {
		Mono<EndpointCaller.SignedRequest> signed = Mono.fromCallable(() -> this.steps.sign(endpoint, request));
		return this.steps.signingMayBlock() ? signed.subscribeOn(this.blocking) : signed;
	}

	private Mono<EndpointCaller.Attempt> exchange(EndpointCaller.SignedRequest signed, ServiceEndpoint endpoint,
			HubRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(signed.uri())
			.header(HttpHeaders.AUTHORIZATION, signed.authorization());
		WebClient.RequestHeadersSpec<?> ready = (request.body() != null)
				? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(request.body()) : spec;
		// The body is drained, not read: the REST API's answers carry nothing the results keep.
		return ready.exchangeToMono((response) -> response.releaseBody()
			.thenReturn(EndpointCaller.answered(endpoint, request, response.statusCode().value(),
					response.headers().asHttpHeaders())));
	}

}

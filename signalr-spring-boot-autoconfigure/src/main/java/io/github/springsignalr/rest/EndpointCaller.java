package io.github.springsignalr.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.RestCallOutcome;
import io.github.springsignalr.rest.EndpointResult.Outcome;
import io.github.springsignalr.token.RestCall;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The one way {@link SignalRTemplate} calls one endpoint: it signs the request (or takes the endpoint's bearer
 * token), sends it, classifies the answer, asks for a fresh key after a 401 and retries once with it, and retries
 * as the {@link RestRetryPolicy} and {@link RetryRules} allow, telling the {@link SignalRListener} of every try.
 * {@link ReactiveEndpointCaller} does the same over {@code WebClient} with these very steps.
 */
final class EndpointCaller {

	private static final Log logger = LogFactory.getLog(SignalRTemplate.class);

	private final SignalRTokenService tokens;

	private final RestClient restClient;

	private final @Nullable EndpointKeyRefresher keyRefresher;

	private final @Nullable RestBearerTokenProvider bearerTokens;

	private final SignalRListener listener;

	private final RestRetryPolicy retry;

	private static final SignalRRestObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultSignalRRestObservationConvention();

	private final ObservationRegistry observationRegistry;

	private final @Nullable SignalRRestObservationConvention observationConvention;

	EndpointCaller(SignalRTokenService tokens, RestClient restClient, @Nullable EndpointKeyRefresher keyRefresher,
			@Nullable RestBearerTokenProvider bearerTokens, SignalRListener listener, RestRetryPolicy retry,
			ObservationRegistry observationRegistry, @Nullable SignalRRestObservationConvention observationConvention) {
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.tokens = tokens;
		this.restClient = restClient;
		this.keyRefresher = keyRefresher;
		this.bearerTokens = bearerTokens;
		this.listener = listener;
		this.retry = retry;
	}

	/**
	 * What the endpoint answered in the end, after the 401 refresh and the retries.
	 */
	EndpointResult call(ServiceEndpoint endpoint, HubRequest request) {
		ServiceEndpoint current = endpoint;
		Attempt attempt = callOnce(current, request);
		if (attempt.result().status() == 401) {
			Optional<ServiceEndpoint> refreshed = refreshedAfter401(endpoint);
			if (refreshed.isPresent()) {
				current = refreshed.get();
				attempt = callOnce(current, request);
			}
		}
		for (int retry = 0; shouldRetry(attempt, request, retry); retry++) {
			Duration wait = retried(endpoint, request, attempt, retry);
			if (!sleep(wait)) {
				break;
			}
			attempt = callOnce(current, request);
		}
		return attempt.result();
	}

	/**
	 * The endpoint with its current key after the service refused its key, or empty when there is no other one (or
	 * no refresher) and the 401 is final. May call Key Vault or Microsoft Entra ID: blocking.
	 */
	Optional<ServiceEndpoint> refreshedAfter401(ServiceEndpoint endpoint) {
		if (this.keyRefresher == null) {
			return Optional.empty();
		}
		Optional<ServiceEndpoint> refreshed = this.keyRefresher.refresh(endpoint.id());
		if (refreshed.isPresent() && !refreshed.get().equals(endpoint)) {
			logger.info("The service refused the key of " + endpoint.id() + "; retrying once with key "
					+ idOf(refreshed.get()));
			return refreshed;
		}
		return Optional.empty();
	}

	/**
	 * Whether to try again after {@code attempt}, the {@code retry}-th retry (from 0) being next.
	 */
	boolean shouldRetry(Attempt attempt, HubRequest request, int retry) {
		return retry < this.retry.maxRetries()
				&& RetryRules.isRetryable(attempt.result().status(), attempt.sent(), request.method());
	}

	/**
	 * Tells the listener of a retry about to be made, and how long to wait before it.
	 */
	Duration retried(ServiceEndpoint endpoint, HubRequest request, Attempt attempt, int retry) {
		Duration wait = (attempt.retryAfter() != null) ? min(attempt.retryAfter(), this.retry.maxDelay())
				: this.retry.delayBefore(retry);
		this.listener.restRetried(endpoint.id(), outcomeOf(attempt.result()));
		logger.debug(request.method() + " " + request.path() + " on " + endpoint.id() + " got "
				+ outcomeOf(attempt.result()) + "; retry " + (retry + 1) + " in " + wait);
		return wait;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static boolean sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Attempt callOnce(ServiceEndpoint endpoint, HubRequest request) {
		Observation observation = startObservation(endpoint, request);
		long start = System.nanoTime();
		Attempt attempt = null;
		try (Observation.Scope scope = observation.openScope()) {
			attempt = exchange(endpoint, request);
		}
		finally {
			observed(observation, endpoint, attempt, start);
		}
		return attempt;
	}

	/**
	 * The observation of one try, started; {@link #observed} stops it.
	 */
	Observation startObservation(ServiceEndpoint endpoint, HubRequest request) {
		return Observation.createNotStarted(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION,
				() -> new SignalRRestObservationContext(endpoint.id(),
						RestOperations.of(request.method(), request.path()), request.method().name(), request.hub()),
				this.observationRegistry)
			.start();
	}

	/**
	 * Records how one try went in its observation and tells the listener.
	 * @param attempt the try, or {@code null} when it threw
	 * @param start when it started, from {@link System#nanoTime()}
	 */
	void observed(Observation observation, ServiceEndpoint endpoint, Attempt attempt, long start) {
		if (attempt != null && observation.getContext() instanceof SignalRRestObservationContext context) {
			context.setResult(attempt.result().status(), outcomeOf(attempt.result()));
		}
		observation.stop();
		if (attempt != null) {
			this.listener.restCalled(endpoint.id(), outcomeOf(attempt.result()), System.nanoTime() - start);
		}
	}

	/**
	 * The URI and {@code Authorization} of one try: signed with the endpoint's key, or its bearer token.
	 */
	SignedRequest sign(ServiceEndpoint endpoint, HubRequest request) {
		String bearerToken = (this.bearerTokens != null) ? this.bearerTokens.bearerToken(endpoint) : null;
		// The token's audience names the path and its audience query; excluded, reason and ttl only the URI.
		RestCall call = (bearerToken != null)
				? this.tokens.restCall(endpoint, request.path(), request.audienceQuery(), bearerToken)
				: this.tokens.restCall(endpoint, request.path(), request.audienceQuery());
		URI uri = request.extraQuery().isEmpty() ? call.uri()
				: URI.create(call.uri().toString() + "&" + request.extraQuery());
		return new SignedRequest(uri, call.authorization());
	}

	/**
	 * Whether {@link #sign} may block: a bearer token may have to be fetched from Microsoft Entra ID.
	 */
	boolean signingMayBlock() {
		return this.bearerTokens != null;
	}

	private Attempt exchange(ServiceEndpoint endpoint, HubRequest request) {
		try {
			SignedRequest signed = sign(endpoint, request);
			RestClient.RequestBodySpec spec = this.restClient.method(request.method())
				.uri(signed.uri())
				.header(HttpHeaders.AUTHORIZATION, signed.authorization());
			if (request.body() != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(request.body());
			}
			return spec.exchange((req, response) -> answered(endpoint, request, response.getStatusCode().value(),
					response.getHeaders()));
		}
		catch (RuntimeException ex) {
			return failed(endpoint, ex);
		}
	}

	/**
	 * A try the endpoint answered.
	 */
	static Attempt answered(ServiceEndpoint endpoint, HubRequest request, int status, HttpHeaders headers) {
		String errorCode = headers.getFirst("x-ms-error-code");
		return new Attempt(new EndpointResult(endpoint.id(), outcomeOf(status, errorCode, request), status, errorCode,
				null), RetryRules.retryAfter(status, headers), true);
	}

	/**
	 * A try that got no answer.
	 */
	static Attempt failed(ServiceEndpoint endpoint, Throwable ex) {
		// The exception's class and message: REST client exceptions carry the URI, never the Authorization header.
		return new Attempt(new EndpointResult(endpoint.id(), Outcome.FAILED, 0, null,
				ex.getClass().getSimpleName() + ": " + ex.getMessage()), null, !RetryRules.neverConnected(ex));
	}

	/**
	 * Where and with what {@code Authorization} one try goes.
	 */
	record SignedRequest(URI uri, String authorization) {
	}

	/**
	 * One try: what the endpoint answered, its {@code Retry-After} (for a 429), and whether the request may have
	 * reached the service.
	 */
	record Attempt(EndpointResult result, Duration retryAfter, boolean sent) {
	}

	private static Outcome outcomeOf(int status, @Nullable String errorCode, HubRequest request) {
		if (status >= 200 && status < 300) {
			return Outcome.OK;
		}
		if (status == 404 && errorCode != null && isNotExisted(errorCode, request)) {
			return Outcome.NOT_FOUND;
		}
		// A 404 without the service's error code did not come from the REST API: the request went astray.
		return Outcome.FAILED;
	}

	private static boolean isNotExisted(String errorCode, HubRequest request) {
		if (HttpMethod.HEAD.equals(request.method()) || HttpMethod.GET.equals(request.method())) {
			// As the .NET SDK: the first x-ms-error-code equal, case aside, to the one the check expects.
			return errorCode.equalsIgnoreCase(request.notExistedCode());
		}
		return errorCode.equalsIgnoreCase(request.notExistedCode()) || errorCode.endsWith(".NotExisted");
	}

	private static RestCallOutcome outcomeOf(EndpointResult result) {
		int status = result.status();
		if (result.outcome() == Outcome.OK) {
			return RestCallOutcome.SUCCESS;
		}
		if (result.outcome() == Outcome.NOT_FOUND) {
			return RestCallOutcome.NOT_FOUND;
		}
		if (status == 0) {
			return RestCallOutcome.IO_ERROR;
		}
		if (status == 401) {
			return RestCallOutcome.UNAUTHORIZED;
		}
		if (status == 429) {
			return RestCallOutcome.THROTTLED;
		}
		return (status >= 400 && status < 500) ? RestCallOutcome.CLIENT_ERROR : RestCallOutcome.SERVER_ERROR;
	}

	private static String idOf(ServiceEndpoint endpoint) {
		return (endpoint.accessKey() != null) ? endpoint.accessKey().id() : "none";
	}

}

package io.github.springsignalr.rest;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.EndpointResult.Outcome;
import io.github.springsignalr.rest.HubRequest.Target.Kind;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link SignalRTemplate}'s REST API operations as {@link Mono}s over {@link WebClient}, for reactive applications:
 * the same endpoints (every online one the {@link EndpointRouter} names, all at once), the same requests, per-endpoint
 * results, retries ({@link RestRetryPolicy}), 401 refresh and errors, through the steps {@link SignalRTemplate} uses.
 * A {@code Mono<SignalRResult>} fails with {@link SignalRRestException} only when the call reached no endpoint at
 * all; an existence check fails with it when no endpoint said yes and one could not answer.
 * <p>
 * Nothing blocks an event loop: retries wait on Reactor's timer, and what may block (a key refresh after a 401, a
 * Microsoft Entra bearer token) runs on Reactor's bounded elastic scheduler.
 * <p>
 * Over the server connections of default mode ({@link #withServerConnections}) sends and group changes go as
 * {@link SignalRTemplate}'s do, with the same results: frames are written on the bounded elastic scheduler (writing
 * one may read {@code /dev/urandom}), and a group change completes when the service's acks have come, without a
 * thread waiting for them.
 */
public class ReactiveSignalRTemplate {

	private static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(100);

	private final ServiceEndpointRegistry registry;

	private final EndpointRouter router;

	private final Settings settings;

	private final String application;

	private final Duration callTimeout;

	private final Set<EndpointId> chosenEndpoints;

	private final ReactiveEndpointCaller caller;

	/**
	 * @param keyRefresher asked for a fresh key after a 401, or {@code null} to treat a 401 as final
	 * @param bearerTokens the bearer tokens of endpoints that do not sign their own (Microsoft Entra ID), or
	 * {@code null} to sign every call with the endpoint's key
	 * @param listener told how every call to every endpoint went
	 */
	public ReactiveSignalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router,
			SignalRTokenService tokens, WebClient webClient, EndpointKeyRefresher keyRefresher,
			RestBearerTokenProvider bearerTokens, SignalRListener listener) {
		this(registry, router, new Settings(tokens, webClient, keyRefresher, bearerTokens, listener,
				RestRetryPolicy.NONE, ObservationRegistry.NOOP, null, Schedulers.boundedElastic(), null), null,
				DEFAULT_CALL_TIMEOUT, null);
	}

	private ReactiveSignalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router, Settings settings,
			String application, Duration callTimeout, Set<EndpointId> chosenEndpoints) {
		this.registry = registry;
		this.router = router;
		this.settings = settings;
		this.application = application;
		this.callTimeout = callTimeout;
		this.chosenEndpoints = chosenEndpoints;
		this.caller = new ReactiveEndpointCaller(new EndpointCaller(settings.tokens(), null, settings.keyRefresher(),
				settings.bearerTokens(), settings.listener(), settings.retry(), settings.observationRegistry(),
				settings.observationConvention()), settings.webClient(), settings.blocking());
	}

	/**
	 * A template that sends and changes groups over the server connections of default mode for a hub that has live
	 * ones, and through the REST API otherwise; see {@link SignalRTemplate#withServerConnections}. Closing
	 * connections and existence checks always use the REST API.
	 */
	public ReactiveSignalRTemplate withServerConnections(ServerConnectionMessenger serverConnections) {
		Objects.requireNonNull(serverConnections, "serverConnections");
		return new ReactiveSignalRTemplate(this.registry, this.router,
				this.settings.withServerConnections(serverConnections), this.application, this.callTimeout,
				this.chosenEndpoints);
	}

	/**
	 * A template for the hubs of an application sharing the service with others; see
	 * {@link SignalRTemplate#forApplication(String)}.
	 */
	public ReactiveSignalRTemplate forApplication(String application) {
		return new ReactiveSignalRTemplate(this.registry, this.router, this.settings, application, this.callTimeout,
				this.chosenEndpoints);
	}

	/**
	 * A template retrying calls as {@link SignalRTemplate#withRetries(RestRetryPolicy)} does, waiting on Reactor's
	 * timer.
	 */
	public ReactiveSignalRTemplate withRetries(RestRetryPolicy retry) {
		Objects.requireNonNull(retry, "retry");
		return new ReactiveSignalRTemplate(this.registry, this.router, this.settings.withRetry(retry),
				this.application, this.callTimeout, this.chosenEndpoints);
	}

	/**
	 * A template waiting at most {@code callTimeout} for each endpoint of an operation that calls several, retries
	 * included; see {@link SignalRTemplate#withCallTimeout(Duration)}.
	 */
	public ReactiveSignalRTemplate withCallTimeout(Duration callTimeout) {
		Objects.requireNonNull(callTimeout, "callTimeout");
		if (callTimeout.isNegative() || callTimeout.isZero()) {
			throw new IllegalArgumentException("The call timeout must be longer than zero, not " + callTimeout);
		}
		return new ReactiveSignalRTemplate(this.registry, this.router, this.settings, this.application, callTimeout,
				this.chosenEndpoints);
	}

	/**
	 * A template whose every call goes to the given endpoints; see {@link SignalRTemplate#withEndpoints(Collection)}.
	 * @throws IllegalArgumentException when no endpoint is given, or one is not in the registry
	 */
	public ReactiveSignalRTemplate withEndpoints(Collection<EndpointId> endpoints) {
		Set<EndpointId> chosen = HubCalls.chosen(this.registry.snapshot(), endpoints);
		return new ReactiveSignalRTemplate(this.registry, this.router, this.settings, this.application,
				this.callTimeout, chosen);
	}

	/**
	 * A template observing every call to every endpoint; see
	 * {@link SignalRTemplate#withObservations(ObservationRegistry, SignalRRestObservationConvention)}.
	 */
	public ReactiveSignalRTemplate withObservations(ObservationRegistry observationRegistry,
			SignalRRestObservationConvention convention) {
		Objects.requireNonNull(observationRegistry, "observationRegistry");
		return new ReactiveSignalRTemplate(this.registry, this.router,
				this.settings.withObservations(observationRegistry, convention), this.application, this.callTimeout,
				this.chosenEndpoints);
	}

	public Mono<SignalRResult> sendToAll(String hub, String target, Object... arguments) {
		return sendToAllExcept(hub, List.of(), target, arguments);
	}

	public Mono<SignalRResult> sendToAllExcept(String hub, Collection<String> excludedConnectionIds, String target,
			Object... arguments) {
		return Mono.defer(() -> overServerConnections(hub)
				? sent(() -> messenger().sendToAll(hub, liveEndpoints(hub, Kind.BROADCAST), excludedConnectionIds,
						target, arguments))
				: send(() -> on(hub).then(":send").params("excluded", excludedConnectionIds), target, arguments));
	}

	public Mono<SignalRResult> sendToUser(String hub, String userId, String target, Object... arguments) {
		return Mono.defer(() -> overServerConnections(hub)
				? sent(() -> messenger().sendToUsers(hub, liveEndpoints(hub, Kind.USER, userId), List.of(userId),
						target, arguments))
				: send(() -> on(hub).then("users").thenValue(userId).then(":send"), target, arguments));
	}

	/**
	 * One call per user, all at once, their results together; see {@link SignalRTemplate#sendToUsers}.
	 */
	public Mono<SignalRResult> sendToUsers(String hub, Collection<String> userIds, String target,
			Object... arguments) {
		return Mono.defer(() -> overServerConnections(hub)
				? sent(() -> messenger().sendToUsers(hub,
						liveEndpoints(hub, Kind.USER, userIds.toArray(String[]::new)), userIds, target, arguments))
				: callEach(userIds, (userId) -> sendToUser(hub, userId, target, arguments)));
	}

	public Mono<SignalRResult> sendToConnection(String hub, String connectionId, String target, Object... arguments) {
		return Mono.defer(() -> overServerConnections(hub)
				? sent(() -> messenger().sendToConnection(hub, liveEndpoints(hub, Kind.CONNECTION, connectionId),
						connectionId, target, arguments))
				: send(() -> on(hub).then("connections").thenValue(connectionId).then(":send"), target,
						arguments));
	}

	public Mono<SignalRResult> sendToConnections(String hub, Collection<String> connectionIds, String target,
			Object... arguments) {
		return callEach(connectionIds, (connectionId) -> sendToConnection(hub, connectionId, target, arguments));
	}

	public Mono<SignalRResult> sendToGroup(String hub, String group, String target, Object... arguments) {
		return sendToGroupExcept(hub, group, List.of(), target, arguments);
	}

	public Mono<SignalRResult> sendToGroupExcept(String hub, String group, Collection<String> excludedConnectionIds,
			String target, Object... arguments) {
		return Mono.defer(() -> overServerConnections(hub)
				? sent(() -> messenger().sendToGroup(hub, liveEndpoints(hub, Kind.GROUP, group), group,
						excludedConnectionIds, target, arguments))
				: send(() -> on(hub).then("groups").thenValue(group).then(":send").params("excluded",
						excludedConnectionIds), target, arguments));
	}

	public Mono<SignalRResult> sendToGroups(String hub, Collection<String> groups, String target,
			Object... arguments) {
		return callEach(groups, (group) -> sendToGroup(hub, group, target, arguments));
	}

	public Mono<SignalRResult> addConnectionToGroup(String hub, String group, String connectionId) {
		return Mono.defer(() -> overServerConnections(hub)
				? acked(() -> messenger().connectionGroupAsync(hub, liveEndpoints(hub, Kind.GROUP, group), group,
						connectionId, true))
				: call(() -> on(hub).then("groups").thenValue(group).then("connections").thenValue(connectionId)
			.notExisted(HubRequest.CONNECTION_NOT_EXISTED_ERROR)
			.build(HttpMethod.PUT, null)));
	}

	public Mono<SignalRResult> removeConnectionFromGroup(String hub, String group, String connectionId) {
		return Mono.defer(() -> overServerConnections(hub)
				? acked(() -> messenger().connectionGroupAsync(hub, liveEndpoints(hub, Kind.GROUP, group), group,
						connectionId, false))
				: call(() -> on(hub).then("groups").thenValue(group).then("connections").thenValue(connectionId)
					.build(HttpMethod.DELETE, null)));
	}

	public Mono<SignalRResult> addUserToGroup(String hub, String group, String userId) {
		return Mono.defer(() -> overServerConnections(hub)
				? acked(() -> messenger().userGroupAsync(hub, liveEndpoints(hub, Kind.GROUP, group), group, userId,
						true))
				: call(() -> on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
					.build(HttpMethod.PUT, null)));
	}

	/**
	 * Adds a user to a group for {@code ttl}; see {@link SignalRTemplate#addUserToGroup(String, String, String,
	 * Duration)}. A bad {@code ttl} fails the {@code Mono} with {@link IllegalArgumentException}.
	 */
	public Mono<SignalRResult> addUserToGroup(String hub, String group, String userId, Duration ttl) {
		return call(() -> on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
			.param("ttl", Long.toString(HubCalls.timeToLiveSeconds(ttl)))
			.build(HttpMethod.PUT, null));
	}

	public Mono<SignalRResult> removeUserFromGroup(String hub, String group, String userId) {
		return Mono.defer(() -> overServerConnections(hub)
				? acked(() -> messenger().userGroupAsync(hub, liveEndpoints(hub, Kind.GROUP, group), group, userId,
						false))
				: call(() -> on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
					.build(HttpMethod.DELETE, null)));
	}

	public Mono<SignalRResult> removeUserFromAllGroups(String hub, String userId) {
		return Mono.defer(() -> overServerConnections(hub)
				? acked(() -> messenger().userGroupAsync(hub, liveEndpoints(hub, Kind.USER, userId), null, userId,
						false))
				: call(() -> on(hub).then("users").thenValue(userId).then("groups")
					.build(HttpMethod.DELETE, null)));
	}

	public Mono<SignalRResult> removeConnectionFromAllGroups(String hub, String connectionId) {
		return call(() -> on(hub).then("connections").thenValue(connectionId).then("groups")
			.build(HttpMethod.DELETE, null));
	}

	/**
	 * Closes a client connection, telling the client {@code reason} (may be {@code null}).
	 */
	public Mono<SignalRResult> closeConnection(String hub, String connectionId, String reason) {
		return call(() -> on(hub).then("connections").thenValue(connectionId).param("reason", reason)
			.notExisted(HubRequest.CONNECTION_NOT_EXISTED)
			.build(HttpMethod.DELETE, null));
	}

	/**
	 * Closes every connection of the hub but the excluded ones, telling each client {@code reason} (may be
	 * {@code null}).
	 */
	public Mono<SignalRResult> closeConnections(String hub, Collection<String> excludedConnectionIds, String reason) {
		return call(() -> on(hub).then(":closeConnections").params("excluded", excludedConnectionIds)
			.param("reason", reason)
			.build(HttpMethod.POST, null));
	}

	/**
	 * Closes every connection in the group but the excluded ones, telling each client {@code reason} (may be
	 * {@code null}).
	 */
	public Mono<SignalRResult> closeGroupConnections(String hub, String group,
			Collection<String> excludedConnectionIds, String reason) {
		return call(() -> on(hub).then("groups").thenValue(group).then(":closeConnections")
			.params("excluded", excludedConnectionIds)
			.param("reason", reason)
			.build(HttpMethod.POST, null));
	}

	/**
	 * Closes every connection of the user but the excluded ones, telling each client {@code reason} (may be
	 * {@code null}).
	 */
	public Mono<SignalRResult> closeUserConnections(String hub, String userId,
			Collection<String> excludedConnectionIds, String reason) {
		return call(() -> on(hub).then("users").thenValue(userId).then(":closeConnections")
			.params("excluded", excludedConnectionIds)
			.param("reason", reason)
			.build(HttpMethod.POST, null));
	}

	public Mono<Boolean> connectionExists(String hub, String connectionId) {
		return exists(() -> on(hub).then("connections").thenValue(connectionId)
			.notExisted(HubRequest.CONNECTION_NOT_EXISTED)
			.build(HttpMethod.HEAD, null));
	}

	public Mono<Boolean> userExists(String hub, String userId) {
		return exists(() -> on(hub).then("users").thenValue(userId)
			.notExisted(HubRequest.USER_NOT_EXISTED)
			.build(HttpMethod.HEAD, null));
	}

	public Mono<Boolean> groupExists(String hub, String group) {
		return exists(() -> on(hub).then("groups").thenValue(group)
			.notExisted(HubRequest.GROUP_NOT_EXISTED)
			.build(HttpMethod.HEAD, null));
	}

	public Mono<Boolean> isUserInGroup(String hub, String group, String userId) {
		return exists(() -> on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
			.notExisted(HubRequest.USER_NOT_IN_GROUP)
			.build(HttpMethod.GET, null));
	}

	private boolean overServerConnections(String hub) {
		// An application name is a REST API notion: its hubs are served over REST, as by SignalRTemplate.
		return this.settings.serverConnections() != null && this.application == null
				&& this.settings.serverConnections().handles(hub);
	}

	private ServerConnectionMessenger messenger() {
		return this.settings.serverConnections();
	}

	private List<EndpointId> liveEndpoints(String hub, Kind kind, String... ids) {
		return HubCalls.liveEndpoints(this.router, this.chosenEndpoints, this.registry.snapshot(), messenger(), hub,
				kind, ids);
	}

	/**
	 * A send over server connections, on the bounded elastic scheduler: writing a frame may block briefly (the JDK's
	 * WebSocket client draws each frame's masking key from {@code SecureRandom}, which reads {@code /dev/urandom}).
	 */
	private Mono<SignalRResult> sent(Supplier<SignalRResult> send) {
		return Mono.fromSupplier(send).subscribeOn(this.settings.blocking());
	}

	/**
	 * A group change over server connections, written as {@link #sent} and complete when the service's acks have
	 * come, no thread waiting for them.
	 */
	private Mono<SignalRResult> acked(Supplier<CompletableFuture<SignalRResult>> change) {
		return Mono.fromFuture(change).subscribeOn(this.settings.blocking());
	}

	private HubRequest.Builder on(String hub) {
		return HubRequest.on(hub, this.application);
	}

	private Mono<SignalRResult> send(Supplier<HubRequest.Builder> request, String target,
			Object[] arguments) {
		return call(() -> request.get()
			.build(HttpMethod.POST,
					Map.of("target", target, "arguments", (arguments != null) ? arguments : new Object[0])));
	}

	private Mono<Boolean> exists(Supplier<HubRequest> request) {
		return Mono.defer(() -> {
			HubRequest built = request.get();
			return call(built).map((result) -> HubCalls.exists(built, result));
		});
	}

	/**
	 * A call built when subscribed: a bad name (a dot segment, say) fails the {@code Mono}, as it throws from
	 * {@link SignalRTemplate}.
	 */
	private Mono<SignalRResult> call(Supplier<HubRequest> request) {
		return Mono.defer(() -> call(request.get()));
	}

	private Mono<SignalRResult> call(HubRequest request) {
		List<ServiceEndpoint> endpoints = HubCalls.endpointsFor(this.router, this.chosenEndpoints, request,
				this.registry.snapshot());
		if (endpoints.isEmpty()) {
			return Mono.error(HubCalls.noEndpoint(request));
		}
		if (endpoints.size() == 1) {
			return this.caller.call(endpoints.get(0), request)
				.map((result) -> HubCalls.result(request, List.of(result)));
		}
		// Every endpoint at once; results in the endpoints' order.
		return Flux.fromIterable(endpoints)
			.flatMapSequential((endpoint) -> this.caller.call(endpoint, request)
				.timeout(this.callTimeout, Mono.fromSupplier(() -> new EndpointResult(endpoint.id(), Outcome.FAILED,
						0, null, "No answer within " + this.callTimeout))))
			.collectList()
			.map((results) -> HubCalls.result(request, results));
	}

	private Mono<SignalRResult> callEach(Collection<String> values, Function<String, Mono<SignalRResult>> call) {
		return Flux.fromIterable(List.copyOf(values))
			.flatMapSequential((value) -> call.apply(value)
				.map(Each::new)
				.onErrorResume(SignalRRestException.class, (ex) -> Mono.just(new Each(ex))))
			.collectList()
			.flatMap((each) -> {
				List<EndpointResult> results = each.stream().flatMap((one) -> one.results().stream()).toList();
				SignalRResult result = new SignalRResult(results);
				SignalRRestException failure = each.stream()
					.map(Each::failure)
					.filter(Objects::nonNull)
					.reduce((first, second) -> second)
					.orElse(null);
				if (failure != null && results.stream().allMatch(EndpointResult::failed)) {
					return Mono.error(new SignalRRestException(failure.getMessage(), result));
				}
				return Mono.just(result);
			});
	}

	/** One call of {@link #callEach}: its result, or the failure that carries it. */
	private record Each(SignalRResult result, SignalRRestException failure) {

		Each(SignalRResult result) {
			this(result, null);
		}

		Each(SignalRRestException failure) {
			this(failure.getResult(), failure);
		}

		List<EndpointResult> results() {
			return this.result.results();
		}

	}

	/** What every template derived from one shares but retries, observations and server connections. */
	private record Settings(SignalRTokenService tokens, WebClient webClient, EndpointKeyRefresher keyRefresher,
			RestBearerTokenProvider bearerTokens, SignalRListener listener, RestRetryPolicy retry,
			ObservationRegistry observationRegistry, SignalRRestObservationConvention observationConvention,
			Scheduler blocking, ServerConnectionMessenger serverConnections) {

		Settings withRetry(RestRetryPolicy retry) {
			return new Settings(this.tokens, this.webClient, this.keyRefresher, this.bearerTokens, this.listener,
					retry, this.observationRegistry, this.observationConvention, this.blocking,
					this.serverConnections);
		}

		Settings withObservations(ObservationRegistry registry, SignalRRestObservationConvention convention) {
			return new Settings(this.tokens, this.webClient, this.keyRefresher, this.bearerTokens, this.listener,
					this.retry, registry, convention, this.blocking, this.serverConnections);
		}

		Settings withServerConnections(ServerConnectionMessenger serverConnections) {
			return new Settings(this.tokens, this.webClient, this.keyRefresher, this.bearerTokens, this.listener,
					this.retry, this.observationRegistry, this.observationConvention, this.blocking,
					serverConnections);
		}

	}

}

package io.github.springsignalr.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.EndpointResult.Outcome;
import io.github.springsignalr.rest.HubRequest.Target.Kind;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

/**
 * Sends messages and manages groups through the service's REST API (version 2022-06-01), by default on every online
 * endpoint: a client may be connected to any of them, so a message goes to all (the .NET SDK's REST mode sends to one
 * only). The {@link EndpointRouter} chooses the endpoints per operation (broadcast, user, group, connection);
 * {@link #withEndpoints} chooses them for every call of a template. Over the server connections of default mode
 * ({@link #withServerConnections}) both choose in the same way among the endpoints with a live one for the hub.
 * <p>
 * Each operation reads one registry snapshot, so it uses one consistent set of endpoints and keys even while a key
 * rotates, and calls its endpoints at once, waiting for all of them at most the call timeout
 * ({@link #withCallTimeout}). It returns what each endpoint answered; it throws {@link SignalRRestException} only when it reached no
 * endpoint at all. A 401 asks the {@link EndpointKeyRefresher} for the endpoint's current key and retries once.
 * <p>
 * Requests are addressed as the .NET Management SDK addresses them: the hub lower-cased in the path, and a token whose
 * audience is the path with {@code api-version} (and {@code application}) only, never {@code excluded} or
 * {@code reason}, so that excluding many connections does not make the token longer.
 * <p>
 * A 404 is "not there" only when the service says so in {@code x-ms-error-code}: for an existence check
 * ({@link #connectionExists}, {@link #userExists}, {@link #groupExists}) exactly the code the .NET SDK expects
 * ({@code Warning.Connection.NotExisted}, {@code Warning.User.NotExisted}, {@code Warning.Group.NotExisted}); for
 * other calls a {@code *.NotExisted} code. A 404 without it (a wrong {@code ServerEndpoint} path, a proxy) is a
 * failure, and an existence check that could not get an answer throws {@link SignalRRestException} rather than
 * answer "no".
 */
public class SignalRTemplate {

	private static final Log logger = LogFactory.getLog(SignalRTemplate.class);

	private static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(100);

	private static final AtomicInteger fanOutThreads = new AtomicInteger();

	/** Threads calling endpoints beside one another; daemons, so that they never keep the JVM alive. */
	private static final ExecutorService FAN_OUT = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "signalr-rest-" + fanOutThreads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final ServiceEndpointRegistry registry;

	private final EndpointRouter router;

	private final SignalRTokenService tokens;

	private final RestClient restClient;

	private final @Nullable EndpointKeyRefresher keyRefresher;

	private final @Nullable RestBearerTokenProvider bearerTokens;

	private final SignalRListener listener;

	private final @Nullable String application;

	private final RestRetryPolicy retry;

	private final Duration callTimeout;

	/** The endpoints every call goes to, instead of the router's choice; {@code null} to ask the router. */
	private final @Nullable Set<EndpointId> chosenEndpoints;

	private final EndpointCaller caller;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SignalRRestObservationConvention observationConvention;

	private final @Nullable ServerConnectionMessenger serverConnections;

	/**
	 * @param keyRefresher asked for a fresh key after a 401, or {@code null} to treat a 401 as final
	 */
	public SignalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router, SignalRTokenService tokens,
			RestClient restClient, EndpointKeyRefresher keyRefresher) {
		this(registry, router, tokens, restClient, keyRefresher, null, SignalRListener.NONE);
	}

	/**
	 * @param keyRefresher asked for a fresh key after a 401, or {@code null} to treat a 401 as final
	 * @param bearerTokens the bearer tokens of endpoints that do not sign their own (Microsoft Entra ID), or
	 * {@code null} to sign every call with the endpoint's key
	 * @param listener told how every call to every endpoint went
	 */
	public SignalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router, SignalRTokenService tokens,
			RestClient restClient, @Nullable EndpointKeyRefresher keyRefresher,
			@Nullable RestBearerTokenProvider bearerTokens,
			SignalRListener listener) {
		this(registry, router, tokens, restClient, keyRefresher, bearerTokens, listener, null, RestRetryPolicy.NONE,
				DEFAULT_CALL_TIMEOUT, null, ObservationRegistry.NOOP, null, null);
	}

	private SignalRTemplate(ServiceEndpointRegistry registry, EndpointRouter router, SignalRTokenService tokens,
			RestClient restClient, @Nullable EndpointKeyRefresher keyRefresher,
			@Nullable RestBearerTokenProvider bearerTokens,
			SignalRListener listener, @Nullable String application, RestRetryPolicy retry, Duration callTimeout,
			@Nullable Set<EndpointId> chosenEndpoints, ObservationRegistry observationRegistry,
			@Nullable SignalRRestObservationConvention observationConvention,
			@Nullable ServerConnectionMessenger serverConnections) {
		this.registry = registry;
		this.router = router;
		this.tokens = tokens;
		this.restClient = restClient;
		this.keyRefresher = keyRefresher;
		this.bearerTokens = bearerTokens;
		this.listener = listener;
		this.application = application;
		this.retry = retry;
		this.callTimeout = callTimeout;
		this.chosenEndpoints = chosenEndpoints;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.caller = new EndpointCaller(tokens, restClient, keyRefresher, bearerTokens, listener, retry,
				observationRegistry, observationConvention);
		this.serverConnections = serverConnections;
	}

	/**
	 * A template that sends over the server connections of default mode for a hub that has live ones, and through
	 * the REST API otherwise. Closing connections and existence checks always use the REST API.
	 */
	public SignalRTemplate withServerConnections(ServerConnectionMessenger serverConnections) {
		return new SignalRTemplate(this.registry, this.router, this.tokens, this.restClient, this.keyRefresher,
				this.bearerTokens, this.listener, this.application, this.retry, this.callTimeout, this.chosenEndpoints,
				this.observationRegistry, this.observationConvention, serverConnections);
	}

	private boolean overServerConnections(String hub) {
		// An application name is a REST API notion: its hubs are served over REST.
		return this.serverConnections != null && this.application == null && this.serverConnections.handles(hub);
	}

	/**
	 * A template for the hubs of an application sharing the service with others: every call names it as
	 * {@code application=} (lower-cased, as the .NET SDK's {@code ServiceManagerOptions.ApplicationName} does), and
	 * the service keeps its hubs apart from other applications' hubs of the same name.
	 * @param application a name as the service allows ({@code ^[A-Za-z][A-Za-z0-9_`,.\[\]]{0,127}$}), or
	 * {@code null} for none
	 */
	public SignalRTemplate forApplication(@Nullable String application) {
		return new SignalRTemplate(this.registry, this.router, this.tokens, this.restClient, this.keyRefresher,
				this.bearerTokens, this.listener, application, this.retry, this.callTimeout, this.chosenEndpoints,
				this.observationRegistry, this.observationConvention, this.serverConnections);
	}

	/**
	 * A template retrying calls as the .NET Management SDK does with {@code ServiceManagerRetryOptions}: a call other
	 * than a send after a 5xx, a 408 or no answer; a send after a status above 500 (not after a 500, which the
	 * service also answers when a send timed out inside it and may have been delivered), or when it could not
	 * connect. Any call after a 429, once its {@code Retry-After} has passed (capped by the policy's longest wait).
	 */
	public SignalRTemplate withRetries(RestRetryPolicy retry) {
		return new SignalRTemplate(this.registry, this.router, this.tokens, this.restClient, this.keyRefresher,
				this.bearerTokens, this.listener, this.application, Objects.requireNonNull(retry, "retry"),
				this.callTimeout, this.chosenEndpoints, this.observationRegistry, this.observationConvention,
						this.serverConnections);
	}

	/**
	 * A template waiting at most {@code callTimeout} for the endpoints of one operation, retries included, when it
	 * calls several: an endpoint that has not answered by then counts as failed (its call goes on, unwatched). 100
	 * seconds by default, the .NET Management SDK's {@code HttpClientTimeout}, which bounds a send with its retries.
	 */
	public SignalRTemplate withCallTimeout(Duration callTimeout) {
		Objects.requireNonNull(callTimeout, "callTimeout");
		if (callTimeout.isNegative() || callTimeout.isZero()) {
			throw new IllegalArgumentException("The call timeout must be longer than zero, not " + callTimeout);
		}
		return new SignalRTemplate(this.registry, this.router, this.tokens, this.restClient, this.keyRefresher,
				this.bearerTokens, this.listener, this.application, this.retry, callTimeout, this.chosenEndpoints,
				this.observationRegistry, this.observationConvention, this.serverConnections);
	}

	/**
	 * A template whose every call goes to the given endpoints (those of them online at the time of the call) instead
	 * of where the {@link EndpointRouter} would send it, as the .NET Management SDK's
	 * {@code ServiceHubContext.WithEndpoints}: for a message meant for one region, say. Endpoints are named by id, so
	 * that each call uses their current key.
	 * @throws IllegalArgumentException when no endpoint is given, or one is not in the registry
	 */
	public SignalRTemplate withEndpoints(Collection<EndpointId> endpoints) {
		Set<EndpointId> chosen = HubCalls.chosen(this.registry.snapshot(), endpoints);
		return new SignalRTemplate(this.registry, this.router, this.tokens, this.restClient, this.keyRefresher,
				this.bearerTokens, this.listener, this.application, this.retry, this.callTimeout,
				chosen, this.observationRegistry, this.observationConvention, this.serverConnections);
	}

	/**
	 * A template whose every call goes to the given endpoints; see {@link #withEndpoints(Collection)}.
	 */
	public SignalRTemplate withEndpoints(EndpointId... endpoints) {
		return withEndpoints(List.of(endpoints));
	}

	/**
	 * A template observing every call to every endpoint with Micrometer's {@link ObservationRegistry}: an observation
	 * of {@link DefaultSignalRRestObservationConvention} (or of {@code convention}) per call, a child of the one
	 * current when the operation was called, also for endpoints called on other threads.
	 * @param convention replaces the default convention, or {@code null}
	 */
	public SignalRTemplate withObservations(ObservationRegistry observationRegistry,
			@Nullable SignalRRestObservationConvention convention) {
		return new SignalRTemplate(this.registry, this.router, this.tokens, this.restClient, this.keyRefresher,
				this.bearerTokens, this.listener, this.application, this.retry, this.callTimeout,
				this.chosenEndpoints, Objects.requireNonNull(observationRegistry, "observationRegistry"), convention,
				this.serverConnections);
	}

	/**
	 * Calls {@code target} with {@code arguments} on every client of the hub.
	 */
	public SignalRResult sendToAll(String hub, String target, Object... arguments) {
		return sendToAllExcept(hub, List.of(), target, arguments);
	}

	/**
	 * Calls {@code target} on every client of the hub but the excluded connections.
	 */
	public SignalRResult sendToAllExcept(String hub, Collection<String> excludedConnectionIds, String target,
			Object... arguments) {
		if (overServerConnections(hub)) {
			return this.serverConnections.sendToAll(hub, liveEndpoints(hub, Kind.BROADCAST), excludedConnectionIds,
					target, arguments);
		}
		return send(on(hub).then(":send").params("excluded", excludedConnectionIds), target, arguments);
	}

	/**
	 * Calls {@code target} on every connection of a user.
	 */
	public SignalRResult sendToUser(String hub, String userId, String target, Object... arguments) {
		if (overServerConnections(hub)) {
			return this.serverConnections.sendToUsers(hub, liveEndpoints(hub, Kind.USER, userId), List.of(userId),
					target, arguments);
		}
		return send(on(hub).then("users").thenValue(userId).then(":send"), target, arguments);
	}

	/**
	 * Calls {@code target} on every connection of each user: one call per user, as the REST API has no multi-user
	 * send; the results of all are in the one returned.
	 */
	public SignalRResult sendToUsers(String hub, Collection<String> userIds, String target, Object... arguments) {
		if (overServerConnections(hub)) {
			List<EndpointId> endpoints = liveEndpoints(hub, Kind.USER, userIds.toArray(String[]::new));
			return this.serverConnections.sendToUsers(hub, endpoints, userIds, target, arguments);
		}
		List<EndpointResult> results = new ArrayList<>();
		userIds.forEach((userId) -> results.addAll(sendToUser(hub, userId, target, arguments).results()));
		return new SignalRResult(results);
	}

	public SignalRResult sendToConnection(String hub, String connectionId, String target, Object... arguments) {
		if (overServerConnections(hub)) {
			return this.serverConnections.sendToConnection(hub, liveEndpoints(hub, Kind.CONNECTION, connectionId),
					connectionId, target, arguments);
		}
		return send(on(hub).then("connections").thenValue(connectionId).then(":send"), target, arguments);
	}

	public SignalRResult sendToGroup(String hub, String group, String target, Object... arguments) {
		return sendToGroupExcept(hub, group, List.of(), target, arguments);
	}

	public SignalRResult sendToGroupExcept(String hub, String group, Collection<String> excludedConnectionIds,
			String target, Object... arguments) {
		if (overServerConnections(hub)) {
			return this.serverConnections.sendToGroup(hub, liveEndpoints(hub, Kind.GROUP, group), group,
					excludedConnectionIds, target, arguments);
		}
		return send(on(hub).then("groups").thenValue(group).then(":send").params("excluded",
				excludedConnectionIds), target, arguments);
	}

	/**
	 * Calls {@code target} on every connection of each group: one call per group, all at once, as the .NET SDK's
	 * {@code SendGroupsAsync} does, since the REST API has no multi-group send; the results of all are in the one
	 * returned.
	 * @throws SignalRRestException when no call reached any endpoint
	 */
	public SignalRResult sendToGroups(String hub, Collection<String> groups, String target, Object... arguments) {
		return callEach(groups, (group) -> sendToGroup(hub, group, target, arguments));
	}

	/**
	 * Calls {@code target} on each connection: one call per connection, all at once, as the .NET SDK's
	 * {@code SendConnectionsAsync} does, since the REST API has no multi-connection send.
	 * @throws SignalRRestException when no call reached any endpoint
	 */
	public SignalRResult sendToConnections(String hub, Collection<String> connectionIds, String target,
			Object... arguments) {
		return callEach(connectionIds, (connectionId) -> sendToConnection(hub, connectionId, target, arguments));
	}

	public SignalRResult addConnectionToGroup(String hub, String group, String connectionId) {
		if (overServerConnections(hub)) {
			return this.serverConnections.connectionGroup(hub, liveEndpoints(hub, Kind.GROUP, group), group,
					connectionId, true);
		}
		return call(on(hub).then("groups").thenValue(group).then("connections").thenValue(connectionId)
			.notExisted(HubRequest.CONNECTION_NOT_EXISTED_ERROR)
			.build(HttpMethod.PUT, null));
	}

	public SignalRResult removeConnectionFromGroup(String hub, String group, String connectionId) {
		if (overServerConnections(hub)) {
			return this.serverConnections.connectionGroup(hub, liveEndpoints(hub, Kind.GROUP, group), group,
					connectionId, false);
		}
		return call(on(hub).then("groups").thenValue(group).then("connections").thenValue(connectionId)
			.build(HttpMethod.DELETE, null));
	}

	public SignalRResult addUserToGroup(String hub, String group, String userId) {
		if (overServerConnections(hub)) {
			return this.serverConnections.userGroup(hub, liveEndpoints(hub, Kind.GROUP, group), group, userId, true);
		}
		return call(on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
			.build(HttpMethod.PUT, null));
	}

	/**
	 * Adds a user to a group for {@code ttl}, with the connections the user opens meanwhile; a zero {@code ttl}
	 * adds only the user's current connections (the REST API's {@code ttl}, in whole seconds, as the .NET SDK sends
	 * it).
	 * @throws IllegalArgumentException when {@code ttl} is negative or longer than {@link Integer#MAX_VALUE} seconds
	 */
	public SignalRResult addUserToGroup(String hub, String group, String userId, Duration ttl) {
		return call(on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
			.param("ttl", Long.toString(HubCalls.timeToLiveSeconds(ttl)))
			.build(HttpMethod.PUT, null));
	}

	public SignalRResult removeUserFromGroup(String hub, String group, String userId) {
		if (overServerConnections(hub)) {
			return this.serverConnections.userGroup(hub, liveEndpoints(hub, Kind.GROUP, group), group, userId, false);
		}
		return call(on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
			.build(HttpMethod.DELETE, null));
	}

	public SignalRResult removeUserFromAllGroups(String hub, String userId) {
		if (overServerConnections(hub)) {
			return this.serverConnections.userGroup(hub, liveEndpoints(hub, Kind.USER, userId), null, userId, false);
		}
		return call(on(hub).then("users").thenValue(userId).then("groups").build(HttpMethod.DELETE, null));
	}

	/**
	 * Removes a connection from every group it was added to.
	 */
	public SignalRResult removeConnectionFromAllGroups(String hub, String connectionId) {
		return call(on(hub).then("connections").thenValue(connectionId).then("groups").build(HttpMethod.DELETE, null));
	}

	/**
	 * Closes every connection of the hub but the excluded ones, telling each client {@code reason} (may be
	 * {@code null}).
	 */
	public SignalRResult closeConnections(String hub, Collection<String> excludedConnectionIds, String reason) {
		return call(on(hub).then(":closeConnections").params("excluded", excludedConnectionIds).param("reason", reason)
			.build(HttpMethod.POST, null));
	}

	/**
	 * Closes every connection in the group but the excluded ones, telling each client {@code reason} (may be
	 * {@code null}).
	 */
	public SignalRResult closeGroupConnections(String hub, String group, Collection<String> excludedConnectionIds,
			String reason) {
		return call(on(hub).then("groups").thenValue(group).then(":closeConnections")
			.params("excluded", excludedConnectionIds).param("reason", reason)
			.build(HttpMethod.POST, null));
	}

	/**
	 * Closes every connection of the user but the excluded ones, telling each client {@code reason} (may be
	 * {@code null}).
	 */
	public SignalRResult closeUserConnections(String hub, String userId, Collection<String> excludedConnectionIds,
			String reason) {
		return call(on(hub).then("users").thenValue(userId).then(":closeConnections")
			.params("excluded", excludedConnectionIds).param("reason", reason)
			.build(HttpMethod.POST, null));
	}

	/**
	 * Closes a client connection, telling the client {@code reason} (may be {@code null}).
	 */
	public SignalRResult closeConnection(String hub, String connectionId, String reason) {
		return call(on(hub).then("connections").thenValue(connectionId).param("reason", reason)
			.notExisted(HubRequest.CONNECTION_NOT_EXISTED)
			.build(HttpMethod.DELETE, null));
	}

	/**
	 * Whether the connection is on any endpoint.
	 * @throws SignalRRestException when no endpoint said so and one could not answer (an error, or a 404 without the
	 * service's {@code Warning.Connection.NotExisted})
	 */
	public boolean connectionExists(String hub, String connectionId) {
		return exists(on(hub).then("connections").thenValue(connectionId)
			.notExisted(HubRequest.CONNECTION_NOT_EXISTED)
			.build(HttpMethod.HEAD, null));
	}

	/**
	 * Whether the user has a connection on any endpoint.
	 * @throws SignalRRestException when no endpoint said so and one could not answer
	 */
	public boolean userExists(String hub, String userId) {
		return exists(on(hub).then("users").thenValue(userId)
			.notExisted(HubRequest.USER_NOT_EXISTED)
			.build(HttpMethod.HEAD, null));
	}

	/**
	 * Whether the group has a connection on any endpoint.
	 * @throws SignalRRestException when no endpoint said so and one could not answer
	 */
	public boolean groupExists(String hub, String group) {
		return exists(on(hub).then("groups").thenValue(group)
			.notExisted(HubRequest.GROUP_NOT_EXISTED)
			.build(HttpMethod.HEAD, null));
	}

	/**
	 * Whether the user is in the group on any endpoint, added as a user or through one of its connections. Asked
	 * with {@code GET}, as the .NET SDK's {@code IsUserInGroup} asks (the REST API documents {@code HEAD}; the
	 * service answers both), and "no" is a 404 with {@code Info.User.NotInGroup}.
	 * @throws SignalRRestException when no endpoint said so and one could not answer
	 */
	public boolean isUserInGroup(String hub, String group, String userId) {
		return exists(on(hub).then("users").thenValue(userId).then("groups").thenValue(group)
			.notExisted(HubRequest.USER_NOT_IN_GROUP)
			.build(HttpMethod.GET, null));
	}

	private boolean exists(HubRequest request) {
		return HubCalls.exists(request, call(request));
	}

	/**
	 * One call per value, all at once on the fan-out threads, each through {@link #call} (so with its retries,
	 * metrics and 401 refresh), their results together.
	 */
	private SignalRResult callEach(Collection<String> values, Function<String, SignalRResult> call) {
		List<CompletableFuture<SignalRResult>> calls = values.stream()
			.map((value) -> CompletableFuture.supplyAsync(() -> call.apply(value), FAN_OUT))
			.toList();
		List<EndpointResult> results = new ArrayList<>();
		SignalRRestException failure = null;
		for (CompletableFuture<SignalRResult> each : calls) {
			try {
				results.addAll(each.join().results());
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof SignalRRestException rest) {
					results.addAll(rest.getResult().results());
					failure = rest;
				}
				else {
					throw ex;
				}
			}
		}
		SignalRResult result = new SignalRResult(results);
		if (failure != null && results.stream().allMatch(EndpointResult::failed)) {
			throw new SignalRRestException(failure.getMessage(), result);
		}
		return result;
	}

	private HubRequest.Builder on(String hub) {
		return HubRequest.on(hub, this.application);
	}

	private SignalRResult send(HubRequest.Builder request, String target, Object[] arguments) {
		return call(request.build(HttpMethod.POST,
				Map.of("target", target, "arguments", (arguments != null) ? arguments : new Object[0])));
	}

	private SignalRResult call(HubRequest request) {
		List<ServiceEndpoint> endpoints = HubCalls.endpointsFor(this.router, this.chosenEndpoints, request,
				this.registry.snapshot());
		if (endpoints.isEmpty()) {
			throw HubCalls.noEndpoint(request);
		}
		return HubCalls.result(request, callAll(endpoints, request));
	}

	/**
	 * The endpoints an operation over server connections goes to: of the online endpoints with a live server
	 * connection for the hub, those chosen or routed as for a REST call (for several ids, those of any).
	 * @throws SignalRRestException when that leaves none
	 */
	private List<EndpointId> liveEndpoints(String hub, Kind kind, String... ids) {
		return HubCalls.liveEndpoints(this.router, this.chosenEndpoints, this.registry.snapshot(),
				this.serverConnections, hub, kind, ids);
	}

	private List<EndpointResult> callAll(List<ServiceEndpoint> endpoints, HubRequest request) {
		if (endpoints.size() == 1) {
			return List.of(this.caller.call(endpoints.get(0), request));
		}
		// Every endpoint at once, so that an operation takes as long as its slowest endpoint, not the sum of all. The
		// caller's observation goes along, so that each endpoint's is its child.
		Observation parent = this.observationRegistry.getCurrentObservation();
		List<CompletableFuture<EndpointResult>> calls = endpoints.stream()
			.map((endpoint) -> CompletableFuture.supplyAsync(() -> (parent != null)
					? parent.scoped(() -> this.caller.call(endpoint, request)) : this.caller.call(endpoint, request),
					FAN_OUT))
			.toList();
		long deadline = System.nanoTime() + this.callTimeout.toNanos();
		List<EndpointResult> results = new ArrayList<>(endpoints.size());
		for (int i = 0; i < endpoints.size(); i++) {
			results.add(await(calls.get(i), endpoints.get(i), deadline));
		}
		return results;
	}

	private EndpointResult await(CompletableFuture<EndpointResult> call, ServiceEndpoint endpoint, long deadline) {
		try {
			return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return new EndpointResult(endpoint.id(), Outcome.FAILED, 0, null, "No answer within " + this.callTimeout);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new EndpointResult(endpoint.id(), Outcome.FAILED, 0, null,
					cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new EndpointResult(endpoint.id(), Outcome.FAILED, 0, null, "Interrupted while waiting");
		}
	}

}

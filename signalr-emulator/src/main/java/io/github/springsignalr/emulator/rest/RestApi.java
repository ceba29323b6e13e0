package io.github.springsignalr.emulator.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.github.springsignalr.emulator.auth.Audience;
import io.github.springsignalr.emulator.auth.AuthenticatedUser;
import io.github.springsignalr.emulator.auth.EntraAuthentication;
import io.github.springsignalr.emulator.auth.EntraPrincipal;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import io.github.springsignalr.emulator.auth.TokenValidator;
import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.hub.Hub;
import io.github.springsignalr.emulator.hub.HubRegistry;

/**
 * The REST API under {@code /api/}: authenticates each request with a token whose audience is the request's URL,
 * then sends, manages groups, closes connections or answers an existence check. A check that finds nothing answers
 * 404 with the service's {@code x-ms-error-code} ({@code Warning.Connection.NotExisted} and the like), which the
 * SDKs read as "no" rather than as an error.
 * <p>
 * As strict as the service: a call of the 2022-06-01 family ({@code /api/hubs/…}) without {@code api-version} is
 * refused with 400 (the REST API's definition makes the parameter required), and the token is taken from the
 * {@code Authorization} header only (its Learn page: "an authorization header with a JSON Web Token (JWT) is
 * required"), never from an {@code access_token} query parameter, which only clients' WebSockets use.
 */
public final class RestApi {

	private static final Logger logger = LoggerFactory.getLogger(RestApi.class);

	private static final int MAX_GROUP_LENGTH = 1024;

	private static final int MAX_USER_LENGTH = 1024;

	private final TokenValidator tokens;

	private final HubRegistry hubs;

	private final String ownHost;

	private final @Nullable EntraAuthentication entra;

	public RestApi(TokenValidator tokens, HubRegistry hubs, String ownHost) {
		this(tokens, hubs, ownHost, null);
	}

	/**
	 * @param entra what Microsoft Entra identities may do, or {@code null} when the instance trusts no Microsoft
	 * Entra ID
	 */
	public RestApi(TokenValidator tokens, HubRegistry hubs, String ownHost, @Nullable EntraAuthentication entra) {
		this.tokens = tokens;
		this.hubs = hubs;
		this.ownHost = ownHost;
		this.entra = entra;
	}

	public Publisher<Void> handle(Exchange exchange) {
		Optional<RestRoute> found;
		try {
			found = RestRoute.of(exchange.method(), exchange.rawPath());
		}
		catch (IllegalArgumentException ex) {
			return exchange.error(400, "Error.Request.Invalid", "The path is not validly percent-encoded");
		}
		if (found.isEmpty()) {
			return exchange.error(404, "Error.Request.NotFound",
					"No REST API at " + exchange.method() + " " + exchange.rawPath());
		}
		RestRoute route = found.get();
		if (!route.legacy() && exchange.query("api-version") == null) {
			// Undocumented answer, inferred: ASP.NET Core API versioning's 400 for a required version not given.
			return exchange.error(400, "Error.Request.ApiVersionUnspecified",
					"An API version is required, but was not specified: add ?api-version=2022-06-01");
		}
		String token = exchange.headerBearerToken();
		if (token == null && exchange.query("access_token") != null) {
			logger.debug("{} {} refused: token in the query", exchange.method(), exchange.rawPath());
			return exchange.unauthorized("The REST API takes its token in the 'Authorization: Bearer' header, not as "
					+ "access_token in the query");
		}
		AuthenticatedUser caller;
		try {
			caller = this.tokens.validateServer(token,
					Audience.rest("http", exchange.audienceHosts(this.ownHost), decodedPath(exchange.rawPath())));
		}
		catch (TokenRejectedException ex) {
			logger.debug("{} {} refused: {}", exchange.method(), exchange.rawPath(), ex.getMessage());
			return exchange.unauthorized(ex.getMessage());
		}
		EntraPrincipal principal = caller.principal();
		// The REST API's GET and HEAD calls are its existence checks, all a reader may make.
		boolean readOnly = HttpMethod.HEAD.equals(exchange.method()) || HttpMethod.GET.equals(exchange.method());
		if (principal != null && this.entra != null && !this.entra.mayCallRestApi(principal, readOnly)) {
			logger.debug("{} {} refused to client {}: no role allows it", exchange.method(), exchange.rawPath(),
					principal.clientId());
			return exchange.error(403, "Error.Forbidden", "Client " + principal.clientId() + " may not call "
					+ exchange.method() + " " + exchange.uri().path() + ". Please check your role assignments: it needs "
					+ "\"SignalR REST API Owner\" or \"SignalR Service Owner\".");
		}
		String invalid = invalidParameter(exchange, route);
		if (invalid != null) {
			return exchange.error(400, "Error.Request.Invalid", invalid);
		}
		Hub hub = this.hubs.hub(hubName(exchange, route));
		if (!route.operation().hasMessage()) {
			return answer(exchange, route, execute(exchange, route, hub, null));
		}
		return exchange.request()
			.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				PayloadMessage message;
				try {
					message = PayloadMessage.parse(body);
				}
				catch (IllegalArgumentException ex) {
					return Mono.from(exchange.error(400, "Error.Request.InvalidMessage", ex.getMessage()));
				}
				return Mono.from(answer(exchange, route, execute(exchange, route, hub, message)));
			});
	}

	private Result execute(Exchange exchange, RestRoute route, Hub hub, @Nullable PayloadMessage message) {
		List<String> excluded = exchange.queryAll("excluded");
		String reason = exchange.query("reason");
		String user = route.user();
		String group = route.group();
		String connectionId = route.connectionId();
		return switch (route.operation()) {
			case BROADCAST -> Result.ok(hub.broadcast(message.toRecord(), excluded));
			case SEND_TO_USER -> Result.ok(hub.sendToUser(user, message.toRecord()));
			case SEND_TO_CONNECTION -> Result.ok(hub.sendToConnection(connectionId, message.toRecord()));
			case SEND_TO_GROUP -> Result.ok(hub.sendToGroup(group, message.toRecord(), excluded));
			case CLOSE_CONNECTION -> {
				int closed = hub.close((connection) -> connection.id().equals(connectionId), reason);
				yield (closed > 0 || route.legacy()) ? Result.ok(closed) : Result.connectionNotExisted();
			}
			case CLOSE_ALL_CONNECTIONS -> Result.ok(hub.close((connection) -> !excluded.contains(connection.id()),
					reason));
			case CLOSE_USER_CONNECTIONS -> Result.ok(hub.close(
					(connection) -> user.equals(connection.userId()) && !excluded.contains(connection.id()), reason));
			case CLOSE_GROUP_CONNECTIONS -> {
				Set<String> members = hub.groupConnectionIds(group);
				yield Result.ok(hub.close(
						(connection) -> members.contains(connection.id()) && !excluded.contains(connection.id()),
						reason));
			}
			case CONNECTION_EXISTS -> hub.connectionExists(connectionId) ? Result.ok(1)
					: Result.notFound("Warning.Connection.NotExisted", "The connection does not exist.");
			case USER_EXISTS -> hub.userExists(user) ? Result.ok(1)
					: Result.notFound("Warning.User.NotExisted", "The user has no connection.");
			case GROUP_EXISTS -> hub.groupExists(group) ? Result.ok(1)
					: Result.notFound("Warning.Group.NotExisted", "The group has no connection.");
			case USER_IN_GROUP -> hub.userInGroup(user, group) ? Result.ok(1)
					: Result.notFound("Info.User.NotInGroup", "The user is not in the group.");
			case ADD_CONNECTION_TO_GROUP -> hub.addToGroup(connectionId, group) ? Result.ok(1)
					: Result.notFound("Error.Connection.NotExisted", "The connection does not exist.");
			case REMOVE_CONNECTION_FROM_GROUP -> Result.ok(hub.removeFromGroup(connectionId, group) ? 1 : 0);
			case REMOVE_CONNECTION_FROM_ALL_GROUPS -> {
				hub.removeFromAllGroups(connectionId);
				yield Result.ok(1);
			}
			case ADD_USER_TO_GROUP -> {
				hub.addUserToGroup(user, group, ttl(exchange));
				yield Result.ok(1);
			}
			case REMOVE_USER_FROM_GROUP -> {
				hub.removeUserFromGroup(user, group);
				yield Result.ok(1);
			}
			case REMOVE_USER_FROM_ALL_GROUPS -> {
				hub.removeUserFromAllGroups(user);
				yield Result.ok(1);
			}
		};
	}

	private Publisher<Void> answer(Exchange exchange, RestRoute route, Result result) {
		if (result.errorCode() != null) {
			logger.debug("{} {}: 404 {}", exchange.method(), exchange.rawPath(), result.errorCode());
			return exchange.error(404, result.errorCode(), result.message());
		}
		int status = route.operation().successStatus(route.legacy());
		logger.debug("{} {}: {} ({} connections)", exchange.method(), exchange.rawPath(), status, result.count());
		return exchange.status(status);
	}

	private static @Nullable String invalidParameter(Exchange exchange, RestRoute route) {
		if (!HubRegistry.isValidName(route.hub())) {
			return "Invalid hub name. Valid hub name should be in between 1 and 128 characters long. The first "
					+ "character must be a letter, other characters can be letters, digits or the following symbols _`,.[]";
		}
		String application = exchange.query("application");
		if (application != null && !HubRegistry.isValidName(application)) {
			return "Invalid value of 'application'.";
		}
		String group = route.group();
		if (group != null && (group.isBlank() || group.length() > MAX_GROUP_LENGTH)) {
			return "Invalid group name. Valid group name should be in between 1 and 1024 characters long.";
		}
		if (route.user() != null && route.user().isEmpty()) {
			return "Invalid user id.";
		}
		if (route.operation() == Operation.CLOSE_USER_CONNECTIONS && route.user().length() > MAX_USER_LENGTH) {
			// The spec bounds the user of this operation only: 1 to 1024 characters.
			return "Invalid user id. Valid user id should be in between 1 and 1024 characters long.";
		}
		String ttl = exchange.query("ttl");
		if (ttl != null && !isTimeToLive(ttl)) {
			return "Invalid value of 'ttl': a number of seconds from 0 to 2147483647 (int32) is expected.";
		}
		return null;
	}

	/**
	 * The spec's {@code ttl} is an int32; a negative one has no meaning it documents, and the .NET SDK refuses one
	 * before sending ("Ttl cannot be less than 0."), so it is refused here as a bad value.
	 */
	private static boolean isTimeToLive(String ttl) {
		if (!ttl.matches("\\d{1,10}")) {
			return false;
		}
		return Long.parseLong(ttl) <= Integer.MAX_VALUE;
	}

	private static @Nullable Duration ttl(Exchange exchange) {
		String ttl = exchange.query("ttl");
		return (ttl != null) ? Duration.ofSeconds(Long.parseLong(ttl)) : null;
	}

	/**
	 * The hub's internal name: {@code {application}_{hub}} when an application is named, as the service keeps it.
	 */
	private static @Nullable String hubName(Exchange exchange, RestRoute route) {
		String application = exchange.query("application");
		return (application != null) ? application + "_" + route.hub() : route.hub();
	}

	private static String decodedPath(String rawPath) {
		try {
			return new URI(rawPath).getPath();
		}
		catch (URISyntaxException ex) {
			return rawPath;
		}
	}

	private record Result(int count, @Nullable String errorCode, @Nullable String message) {

		static Result ok(@Nullable int count) {
			return new Result(count, null, null);
		}

		static Result notFound(String errorCode, String message) {
			return new Result(0, errorCode, message);
		}

		static Result connectionNotExisted() {
			return notFound("Warning.Connection.NotExisted", "The connection does not exist.");
		}

	}

}

package io.github.springsignalr.autoconfigure.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamHeaders;
import io.github.springsignalr.upstream.UpstreamResponse;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the upstream URL the service POSTs serverless events to. A request is handled only when all of these hold,
 * and answered 401 with no detail otherwise (the reason goes to the debug log, never the signature):
 * <ol>
 * <li>it has the {@code X-ASRS-Connection-Id}, {@code X-ASRS-Hub}, {@code X-ASRS-Category} and {@code X-ASRS-Event}
 * headers;</li>
 * <li>the URL's {@code {hub}}, {@code {category}} and {@code {event}}, where the path has them, name what the headers
 * name, in any case: a request copied to another URL is refused;</li>
 * <li>the signature matches a live key, or its Microsoft Entra bearer token is valid ({@link UpstreamAuthenticator});</li>
 * <li>the connection is not bound to another hub or user id ({@link UpstreamConnections}): a genuine request replayed
 * to another hub or with another {@code X-ASRS-User-Id} is refused.</li>
 * </ol>
 * A handled request's body is {@code application/json} (connection events, and invocations of JSON clients) or
 * {@code application/x-msgpack} (invocations of MessagePack clients, 415 without {@code org.msgpack:msgpack-core});
 * anything else is answered 415. The answer is in the client's protocol, as the service relays it unchanged.
 */
class UpstreamHandler implements HandlerFunction<ServerResponse> {

	static final String CONNECTION_ID = "X-ASRS-Connection-Id";

	static final String HUB = "X-ASRS-Hub";

	static final String CATEGORY = "X-ASRS-Category";

	static final String EVENT = "X-ASRS-Event";

	static final String SIGNATURE = "X-ASRS-Signature";

	static final String USER_ID = "X-ASRS-User-Id";

	static final String CLIENT_QUERY = "X-ASRS-Client-Query";

	static final String USER_CLAIMS = "X-ASRS-User-Claims";

	private static final MediaType MESSAGEPACK = MediaType.parseMediaType(UpstreamEventDispatcher.MESSAGEPACK);

	/** The largest body read: the service's own limit for a client message is 1 MB. */
	private static final int MAX_BODY = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(UpstreamHandler.class);

	private final UpstreamAuthenticator authenticator;

	private final UpstreamConnections connections;

	private final UpstreamEventDispatcher dispatcher;

	private final boolean messagePackAvailable;

	/** The application name lower-cased and followed by {@code _}, or {@code null} for none. */
	private final @Nullable String hubPrefix;

	UpstreamHandler(UpstreamAuthenticator authenticator, UpstreamConnections connections,
			UpstreamEventDispatcher dispatcher) {
		this(authenticator, connections, dispatcher, UpstreamEventDispatcher.isMessagePackAvailable());
	}

	UpstreamHandler(UpstreamAuthenticator authenticator, UpstreamConnections connections,
			UpstreamEventDispatcher dispatcher, boolean messagePackAvailable) {
		this(authenticator, connections, dispatcher, messagePackAvailable, null);
	}

	/**
	 * @param messagePackAvailable whether {@code org.msgpack:msgpack-core} is there to read MessagePack clients'
	 * invocations; without it they are answered 415
	 * @param applicationName the application whose hubs these are ({@code azure.signalr.application-name}), or
	 * {@code null}: the service names a hub {@code <application>_<hub>}, and the handler methods see {@code <hub>}
	 */
	UpstreamHandler(UpstreamAuthenticator authenticator, UpstreamConnections connections,
			UpstreamEventDispatcher dispatcher, boolean messagePackAvailable, @Nullable String applicationName) {
		this.authenticator = authenticator;
		this.connections = connections;
		this.dispatcher = dispatcher;
		this.messagePackAvailable = messagePackAvailable;
		this.hubPrefix = (applicationName == null || applicationName.isEmpty()) ? null
				: applicationName.toLowerCase(Locale.ROOT) + "_";
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		HttpHeaders headers = request.headers().asHttpHeaders();
		String connectionId = headers.getFirst(CONNECTION_ID);
		String hub = headers.getFirst(HUB);
		String category = headers.getFirst(CATEGORY);
		String event = headers.getFirst(EVENT);
		if (isEmpty(connectionId) || isEmpty(hub) || isEmpty(category) || isEmpty(event)) {
			return refuse(request, "an X-ASRS header is missing");
		}
		Map<String, String> pathVariables = request.pathVariables();
		if (!matches(pathVariables.get("hub"), hub) || !matches(pathVariables.get("category"), category)
				|| !matches(pathVariables.get("event"), event)) {
			return refuse(request, "the URL names another hub, category or event than the headers");
		}
		if (!this.authenticator.isAuthentic(connectionId, headers.getFirst(SIGNATURE),
				headers.getFirst(HttpHeaders.AUTHORIZATION))) {
			return refuse(request, "neither a signature of a live access key nor a valid bearer token");
		}
		String ownHub = ownHub(hub);
		if (ownHub == null) {
			// Another application's hub, as the Functions extension answers a hub it has no function for; before
			// the connection is bound to it.
			if (logger.isDebugEnabled()) {
				logger.debug("Refused an upstream request for hub '" + printable(hub) + "' with 404: not a hub of "
						+ "application '" + this.hubPrefix.substring(0, this.hubPrefix.length() - 1) + "'");
			}
			return ServerResponse.status(HttpStatus.NOT_FOUND).build();
		}
		boolean connected = UpstreamEventDispatcher.CONNECTIONS.equalsIgnoreCase(category)
				&& UpstreamEventDispatcher.CONNECTED.equalsIgnoreCase(event);
		if (!this.connections.accept(connectionId, hub, headers.getFirst(USER_ID), connected)) {
			return refuse(request, "the connection is bound to another hub or another user id, or is unknown here");
		}
		MediaType contentType;
		try {
			contentType = headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
		}
		boolean messagePack = contentType != null && contentType.isCompatibleWith(MESSAGEPACK);
		if (contentType != null && !messagePack && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
		}
		if (messagePack && !this.messagePackAvailable) {
			logger.warn("Refused an upstream request of a MessagePack client with 415: add org.msgpack:msgpack-core "
					+ "to the application's dependencies to serve clients on the MessagePack hub protocol");
			return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
		}
		byte[] body;
		try (InputStream in = request.servletRequest().getInputStream()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		InvocationContext context = new InvocationContext(ownHub, category, event, connectionId,
				emptyToNull(headers.getFirst(USER_ID)), UpstreamHeaders.clientQuery(headers.getFirst(CLIENT_QUERY)),
				UpstreamHeaders.userClaims(headers.getFirst(USER_CLAIMS)), headers(headers), null);
		UpstreamResponse response = this.dispatcher.dispatch(context, body, messagePack);
		ServerResponse.BodyBuilder answer = ServerResponse.status(response.status());
		return (response.body() != null)
				? answer.contentType(MediaType.parseMediaType(response.contentType())).body(response.body())
				: answer.build();
	}

	/**
	 * The hub as the handler methods know it: without the application's prefix, or {@code null} when the hub is not
	 * the application's.
	 */
	private @Nullable String ownHub(String hub) {
		if (this.hubPrefix == null) {
			return hub;
		}
		boolean own = hub.length() > this.hubPrefix.length()
				&& hub.regionMatches(true, 0, this.hubPrefix, 0, this.hubPrefix.length());
		return own ? hub.substring(this.hubPrefix.length()) : null;
	}

	private static ServerResponse refuse(ServerRequest request, String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused an upstream request to " + printable(request.path()) + ": " + reason);
		}
		return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
	}

	private static boolean matches(@Nullable String pathVariable, @Nullable String header) {
		return pathVariable == null || pathVariable.equalsIgnoreCase(header);
	}

	private static Map<String, String> headers(HttpHeaders headers) {
		// InvocationContext leaves out the credentials (signature, bearer token, cookies, client query) itself.
		Map<String, String> values = new LinkedHashMap<>();
		headers.forEach((name, list) -> {
			if (!list.isEmpty()) {
				values.putIfAbsent(name, list.get(0));
			}
		});
		return values;
	}

	/**
	 * The path as a log line may show it: control characters replaced, length capped. The query is never shown: it
	 * may hold a function key.
	 */
	private static String printable(String path) {
		String shown = (path.length() > 200) ? path.substring(0, 200) + "…" : path;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

	private static boolean isEmpty(String value) {
		return value == null || value.isEmpty();
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return isEmpty(value) ? null : value;
	}

}

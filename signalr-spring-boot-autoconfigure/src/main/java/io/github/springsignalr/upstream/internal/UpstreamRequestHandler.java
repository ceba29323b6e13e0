package io.github.springsignalr.upstream.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamResponse;
import org.apache.commons.logging.Log;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Handles the service's upstream requests for any web stack. A request is handled only when all of these hold, and
 * answered 401 with no detail otherwise (the reason goes to the debug log, never the signature):
 * <ol>
 * <li>it has the {@code X-ASRS-Connection-Id}, {@code X-ASRS-Hub}, {@code X-ASRS-Category} and {@code X-ASRS-Event}
 * headers;</li>
 * <li>the URL's {@code {hub}}, {@code {category}} and {@code {event}}, where the path has them, name what the headers
 * name, in any case: a request copied to another URL is refused;</li>
 * <li>the signature matches a live key, or its Microsoft Entra bearer token is valid
 * ({@link UpstreamAuthenticator});</li>
 * <li>the connection is not bound to another hub or user id ({@link UpstreamConnections}): a genuine request replayed
 * to another hub or with another {@code X-ASRS-User-Id} is refused.</li>
 * </ol>
 * A handled request's body is {@code application/json} (connection events, and invocations of JSON clients) or
 * {@code application/x-msgpack} (invocations of MessagePack clients, 415 without {@code org.msgpack:msgpack-core});
 * anything else is answered 415. The answer is in the client's protocol, as the service relays it unchanged.
 * <p>
 * A stack calls {@link #admit} with the request's headers, and reads the body (at most {@link #MAX_BODY_SIZE} bytes)
 * only for an admitted request, then {@link #dispatch}es it. Admission may fetch Microsoft Entra ID's signing keys,
 * and dispatching calls the application's methods: a non-blocking stack runs both off its event loop.
 */
public class UpstreamRequestHandler {

	static final String CONNECTION_ID = "X-ASRS-Connection-Id";

	static final String HUB = "X-ASRS-Hub";

	static final String CATEGORY = "X-ASRS-Category";

	static final String EVENT = "X-ASRS-Event";

	static final String SIGNATURE = "X-ASRS-Signature";

	static final String USER_ID = "X-ASRS-User-Id";

	static final String CLIENT_QUERY = "X-ASRS-Client-Query";

	static final String USER_CLAIMS = "X-ASRS-User-Claims";

	/** The largest body read: the service's own limit for a client message is 1 MB. */
	public static final int MAX_BODY_SIZE = 1024 * 1024;

	private static final MediaType MESSAGEPACK = MediaType.parseMediaType(UpstreamEventDispatcher.MESSAGEPACK);

	private static final UpstreamResponse UNAUTHORIZED = new UpstreamResponse(401, null, null);

	private static final UpstreamResponse NOT_FOUND = new UpstreamResponse(404, null, null);

	private static final UpstreamResponse CONTENT_TOO_LARGE = new UpstreamResponse(413, null, null);

	private static final UpstreamResponse UNSUPPORTED_MEDIA_TYPE = new UpstreamResponse(415, null, null);

	private final UpstreamAuthenticator authenticator;

	private final UpstreamConnections connections;

	private final UpstreamEventDispatcher dispatcher;

	private final boolean messagePackAvailable;

	/** The application name lower-cased and followed by {@code _}, or {@code null} for none. */
	private final String hubPrefix;

	private final Log logger;

	/**
	 * @param messagePackAvailable whether {@code org.msgpack:msgpack-core} is there to read MessagePack clients'
	 * invocations; without it they are answered 415
	 * @param applicationName the application whose hubs these are ({@code azure.signalr.application-name}), or
	 * {@code null}: the service names a hub {@code <application>_<hub>}, and the handler methods see {@code <hub>}
	 * @param logger where refusals are logged: the stack's own category, so that one logging level serves both
	 */
	public UpstreamRequestHandler(UpstreamAuthenticator authenticator, UpstreamConnections connections,
			UpstreamEventDispatcher dispatcher, boolean messagePackAvailable, String applicationName, Log logger) {
		this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
		this.connections = Objects.requireNonNull(connections, "connections");
		this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
		this.messagePackAvailable = messagePackAvailable;
		this.hubPrefix = (applicationName == null || applicationName.isEmpty()) ? null
				: applicationName.toLowerCase(Locale.ROOT) + "_";
		this.logger = Objects.requireNonNull(logger, "logger");
	}

	/**
	 * Checks a request before its body is read.
	 * @param path the request's path, for the debug log (never its query: it may hold a function key)
	 * @param pathVariables the variables of the upstream path template ({@code hub}, {@code category},
	 * {@code event}), those it has
	 * @param headers the request's headers
	 */
	public Admission admit(String path, Map<String, String> pathVariables, HttpHeaders headers) {
		String connectionId = headers.getFirst(CONNECTION_ID);
		String hub = headers.getFirst(HUB);
		String category = headers.getFirst(CATEGORY);
		String event = headers.getFirst(EVENT);
		if (isEmpty(connectionId) || isEmpty(hub) || isEmpty(category) || isEmpty(event)) {
			return refuse(path, "an X-ASRS header is missing");
		}
		if (!matches(pathVariables.get("hub"), hub) || !matches(pathVariables.get("category"), category)
				|| !matches(pathVariables.get("event"), event)) {
			return refuse(path, "the URL names another hub, category or event than the headers");
		}
		if (!this.authenticator.isAuthentic(connectionId, headers.getFirst(SIGNATURE),
				headers.getFirst(HttpHeaders.AUTHORIZATION))) {
			return refuse(path, "neither a signature of a live access key nor a valid bearer token");
		}
		String ownHub = ownHub(hub);
		if (ownHub == null) {
			// Another application's hub, as the Functions extension answers a hub it has no function for; before
			// the connection is bound to it.
			if (this.logger.isDebugEnabled()) {
				this.logger.debug("Refused an upstream request for hub '" + printable(hub) + "' with 404: not a hub "
						+ "of application '" + this.hubPrefix.substring(0, this.hubPrefix.length() - 1) + "'");
			}
			return new Admission(NOT_FOUND, null, false);
		}
		boolean connected = UpstreamEventDispatcher.CONNECTIONS.equalsIgnoreCase(category)
				&& UpstreamEventDispatcher.CONNECTED.equalsIgnoreCase(event);
		if (!this.connections.accept(connectionId, hub, headers.getFirst(USER_ID), connected)) {
			return refuse(path, "the connection is bound to another hub or another user id, or is unknown here");
		}
		MediaType contentType;
		try {
			contentType = headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return new Admission(UNSUPPORTED_MEDIA_TYPE, null, false);
		}
		boolean messagePack = contentType != null && contentType.isCompatibleWith(MESSAGEPACK);
		if (contentType != null && !messagePack && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return new Admission(UNSUPPORTED_MEDIA_TYPE, null, false);
		}
		if (messagePack && !this.messagePackAvailable) {
			this.logger.warn("Refused an upstream request of a MessagePack client with 415: add "
					+ "org.msgpack:msgpack-core to the application's dependencies to serve clients on the MessagePack "
					+ "hub protocol");
			return new Admission(UNSUPPORTED_MEDIA_TYPE, null, false);
		}
		InvocationContext context = new InvocationContext(ownHub, category, event, connectionId,
				emptyToNull(headers.getFirst(USER_ID)), UpstreamHeaders.clientQuery(headers.getFirst(CLIENT_QUERY)),
				UpstreamHeaders.userClaims(headers.getFirst(USER_CLAIMS)), headers(headers), null);
		return new Admission(null, context, messagePack);
	}

	/**
	 * Calls the application's methods for an admitted request.
	 * @param body the body as read, up to {@link #MAX_BODY_SIZE} bytes and one more: a longer one is a 413
	 */
	public UpstreamResponse dispatch(Admission admission, byte[] body) {
		if (!admission.isAdmitted()) {
			throw new IllegalArgumentException("The request was refused");
		}
		if (body.length > MAX_BODY_SIZE) {
			return CONTENT_TOO_LARGE;
		}
		return this.dispatcher.dispatch(admission.context, body, admission.messagePack);
	}

	/**
	 * The answer to a body longer than {@link #MAX_BODY_SIZE}, for a stack that stops reading at the limit.
	 */
	public static UpstreamResponse contentTooLarge() {
		return CONTENT_TOO_LARGE;
	}

	/**
	 * The hub as the handler methods know it: without the application's prefix, or {@code null} when the hub is not
	 * the application's.
	 */
	private String ownHub(String hub) {
		if (this.hubPrefix == null) {
			return hub;
		}
		boolean own = hub.length() > this.hubPrefix.length()
				&& hub.regionMatches(true, 0, this.hubPrefix, 0, this.hubPrefix.length());
		return own ? hub.substring(this.hubPrefix.length()) : null;
	}

	private Admission refuse(String path, String reason) {
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("Refused an upstream request to " + printable(path) + ": " + reason);
		}
		return new Admission(UNAUTHORIZED, null, false);
	}

	private static boolean matches(String pathVariable, String header) {
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
	 * A path or name as a log line may show it: control characters replaced, length capped.
	 */
	private static String printable(String text) {
		String shown = (text.length() > 200) ? text.substring(0, 200) + "…" : text;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

	private static boolean isEmpty(String value) {
		return value == null || value.isEmpty();
	}

	private static String emptyToNull(String value) {
		return isEmpty(value) ? null : value;
	}

	/**
	 * What {@link #admit} decided: a refusal to answer at once, or an event whose body is to be read and
	 * dispatched.
	 */
	public static final class Admission {

		private final UpstreamResponse refusal;

		private final InvocationContext context;

		private final boolean messagePack;

		private Admission(UpstreamResponse refusal, InvocationContext context, boolean messagePack) {
			this.refusal = refusal;
			this.context = context;
			this.messagePack = messagePack;
		}

		public boolean isAdmitted() {
			return this.refusal == null;
		}

		/**
		 * The answer to a refused request (401, 404 or 415), or {@code null} for an admitted one.
		 */
		public UpstreamResponse refusal() {
			return this.refusal;
		}

	}

}

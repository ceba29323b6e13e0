package io.github.springsignalr.emulator.client;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.server.WebsocketServerSpec;

import io.github.springsignalr.emulator.auth.Audience;
import io.github.springsignalr.emulator.auth.AuthenticatedUser;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import io.github.springsignalr.emulator.auth.TokenValidator;
import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.hub.ClientConnection;
import io.github.springsignalr.emulator.hub.HubRegistry;
import io.github.springsignalr.emulator.serverconnection.ServerConnection;
import io.github.springsignalr.emulator.serverconnection.ServerConnections;
import io.github.springsignalr.emulator.upstream.UpstreamClient;
import io.github.springsignalr.emulator.upstream.UpstreamContext;

/**
 * The client endpoint: {@code POST /client/negotiate?hub=…}, then the WebSocket at
 * {@code /client/?hub=…&id={connectionToken}}. The token is checked again when the WebSocket opens, from the
 * {@code Authorization} header (Java, Node) or the {@code access_token} query parameter (browsers). A WebSocket
 * without {@code id} (a client that skips negotiation) gets a new connection. A client of a hub with a server
 * connection is routed to one (default mode); one of a hub without is served as in serverless mode.
 */
public final class ClientEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(ClientEndpoint.class);

	private final TokenValidator tokens;

	private final HubRegistry hubs;

	private final UpstreamClient upstream;

	private final SessionSettings settings;

	private final Clock clock;

	private final String ownHost;

	private final PendingConnections pending;

	private final NegotiateEndpoint negotiate;

	private final ServerConnections servers;

	public ClientEndpoint(TokenValidator tokens, HubRegistry hubs, UpstreamClient upstream, SessionSettings settings,
			Clock clock, String ownHost) {
		this(tokens, hubs, new ServerConnections(), upstream, settings, clock, ownHost);
	}

	/**
	 * @param servers the server connections of default mode: a client of a hub that has one is routed to it
	 */
	public ClientEndpoint(TokenValidator tokens, HubRegistry hubs, ServerConnections servers, UpstreamClient upstream,
			SessionSettings settings, Clock clock, String ownHost) {
		this.servers = servers;
		this.tokens = tokens;
		this.hubs = hubs;
		this.upstream = upstream;
		this.settings = settings;
		this.clock = clock;
		this.ownHost = ownHost;
		this.pending = new PendingConnections(clock);
		this.negotiate = new NegotiateEndpoint(tokens, this.pending, ownHost);
	}

	public Publisher<Void> negotiate(Exchange exchange) {
		return this.negotiate.handle(exchange);
	}

	public Publisher<Void> connect(Exchange exchange) {
		if (!isWebSocketUpgrade(exchange)) {
			return exchange.error(400, "Error.Request.TransportNotSupported",
					"Only the WebSockets transport is supported: open a WebSocket");
		}
		String hubName = exchange.query("hub");
		if (!HubRegistry.isValidName(hubName)) {
			return exchange.error(400, "Error.Request.InvalidHub", "Invalid hub name in the 'hub' query parameter");
		}
		String hub = HubRegistry.normalize(hubName);
		AuthenticatedUser user;
		try {
			user = this.tokens.validate(exchange.bearerToken(),
					Audience.client("http", exchange.audienceHosts(this.ownHost), hubName));
		}
		catch (TokenRejectedException ex) {
			logger.debug("WebSocket for hub {} refused: {}", hub, ex.getMessage());
			return exchange.unauthorized(ex.getMessage());
		}
		String connectionToken = exchange.query("id");
		String connectionId = (connectionToken != null) ? this.pending.take(connectionToken, hub)
				: PendingConnections.newId();
		if (connectionId == null) {
			return exchange.error(404, "Error.Connection.NotExisted", "No connection with that id: negotiate first");
		}
		ClientConnection connection = new ClientConnection(connectionId, hub, user.userId());
		ServerConnection server = this.servers.pick(hub);
		if (server != null) {
			RoutedClientSession routed = new RoutedClientSession(connection, this.hubs.hub(hub), server,
					OpenConnectionValues.claims(user.claims()), OpenConnectionValues.headers(exchange),
					clientQuery(exchange), this.settings);
			return exchange.response()
				.sendWebsocket(routed::run,
						WebsocketServerSpec.builder().maxFramePayloadLength(ClientSession.MAX_MESSAGE_SIZE).build());
		}
		UpstreamContext context = new UpstreamContext(connectionId, hub, user.userId(), clientQuery(exchange),
				userClaims(user.claims()));
		ClientSession session = new ClientSession(connection, this.hubs.hub(hub), this.upstream, context,
				this.settings, this.clock);
		return exchange.response()
			.sendWebsocket(session::run,
					WebsocketServerSpec.builder().maxFramePayloadLength(ClientSession.MAX_MESSAGE_SIZE).build());
	}

	private static boolean isWebSocketUpgrade(Exchange exchange) {
		String upgrade = exchange.header(HttpHeaderNames.UPGRADE);
		return upgrade != null && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(upgrade);
	}

	/**
	 * The query the client connected with, for the upstream's {@code X-ASRS-Client-Query}: as the client sent it,
	 * with its leading {@code ?} and its {@code access_token} if it put its token there, as Microsoft's emulator
	 * sends ASP.NET Core's {@code QueryString.ToString()}. The upstream, not the service, keeps the token to itself.
	 */
	private static String clientQuery(Exchange exchange) {
		String uri = exchange.request().uri();
		int start = uri.indexOf('?');
		return (start < 0 || start == uri.length() - 1) ? "" : uri.substring(start);
	}

	/**
	 * The token's claims for the upstream's {@code X-ASRS-User-Claims}: {@code type: value} (.NET's
	 * {@code Claim.ToString()}), one per value of a multi-valued claim, joined by {@code ", "} as .NET's HTTP client
	 * joins the values of one header, in the order of the claim names. Times are seconds since the epoch, as in the
	 * token.
	 */
	static String userClaims(Map<String, Object> claims) {
		return new TreeMap<>(claims).entrySet()
			.stream()
			.flatMap((claim) -> values(claim.getValue()).map((value) -> claim.getKey() + ": " + value))
			.collect(Collectors.joining(", "));
	}

	private static Stream<String> values(Object value) {
		if (value instanceof Collection<?> values) {
			return values.stream().flatMap(ClientEndpoint::values);
		}
		if (value instanceof Date date) {
			return Stream.of(Long.toString(date.getTime() / 1000));
		}
		return (value != null) ? Stream.of(value.toString()) : Stream.empty();
	}

}

package io.github.springsignalr.emulator.serverconnection;

import java.time.Clock;

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
import io.github.springsignalr.emulator.hub.HubRegistry;

/**
 * The server endpoint, {@code /server/?hub=…}: a WebSocket upgrade with the server's token in
 * {@code Authorization: Bearer}, its audience {@code {scheme}://{host}/server/?hub={hub}} and its {@code nameid} the
 * server's id, as the .NET SDK writes it; or a Microsoft Entra token, the server then naming itself in
 * {@code X-ASRS-Server-Id}. Anything else is refused before the upgrade.
 */
public final class ServerConnectionEndpoint {

	static final String SERVER_ID_CLAIM = "nameid";

	static final String SERVER_ID_HEADER = "X-ASRS-Server-Id";

	private static final Logger logger = LoggerFactory.getLogger(ServerConnectionEndpoint.class);

	private final TokenValidator tokens;

	private final HubRegistry hubs;

	private final ServerConnections servers;

	private final ServerSettings settings;

	private final Clock clock;

	private final String ownHost;

	public ServerConnectionEndpoint(TokenValidator tokens, HubRegistry hubs, ServerConnections servers,
			ServerSettings settings, Clock clock, String ownHost) {
		this.tokens = tokens;
		this.hubs = hubs;
		this.servers = servers;
		this.settings = settings;
		this.clock = clock;
		this.ownHost = ownHost;
	}

	public Publisher<Void> connect(Exchange exchange) {
		String upgrade = exchange.header(HttpHeaderNames.UPGRADE);
		if (upgrade == null || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(upgrade)) {
			return exchange.error(400, "Error.Request.TransportNotSupported",
					"Server connections are WebSockets: open a WebSocket");
		}
		String hubName = exchange.query("hub");
		if (!HubRegistry.isValidName(hubName)) {
			return exchange.error(400, "Error.Request.InvalidHub", "Invalid hub name in the 'hub' query parameter");
		}
		String serverId;
		String keyFingerprint;
		try {
			AuthenticatedUser server = this.tokens.validateServer(exchange.headerBearerToken(),
					Audience.server("http", exchange.audienceHosts(this.ownHost), hubName));
			serverId = serverId(server, exchange);
			keyFingerprint = (server.principal() == null)
					? this.tokens.accessKeyFingerprint(exchange.headerBearerToken()) : null;
		}
		catch (TokenRejectedException ex) {
			logger.debug("Server connection for hub {} refused: {}", hubName, ex.getMessage());
			return exchange.unauthorized(ex.getMessage());
		}
		String hub = HubRegistry.normalize(hubName);
		ServerConnection connection = new ServerConnection(hub, serverId, keyFingerprint);
		ServerSession session = new ServerSession(connection, this.servers, this.hubs.hub(hub), this.settings,
				this.clock);
		return exchange.response()
			.sendWebsocket(session::run,
					WebsocketServerSpec.builder().maxFramePayloadLength(ServerSession.MAX_MESSAGE_SIZE).build());
	}

	private static String serverId(AuthenticatedUser server, Exchange exchange) throws TokenRejectedException {
		if (server.principal() != null) {
			String header = exchange.header(SERVER_ID_HEADER);
			if (header == null || header.isBlank()) {
				throw new TokenRejectedException("A server connection with a Microsoft Entra token names its server in "
						+ SERVER_ID_HEADER);
			}
			return header;
		}
		Object id = server.claims().get(SERVER_ID_CLAIM);
		if (!(id instanceof String text) || text.isEmpty()) {
			throw new TokenRejectedException("The server connection's token has no " + SERVER_ID_CLAIM
					+ " claim: the server's id");
		}
		return text;
	}

}

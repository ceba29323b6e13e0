package io.github.springsignalr.emulator.client;

import java.util.List;

import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.auth.Audience;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import io.github.springsignalr.emulator.auth.TokenValidator;
import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.hub.HubRegistry;

/**
 * {@code POST /client/negotiate?hub=…}: checks the client token and answers with a new connection and the transports
 * on offer, in the form of the {@code negotiateVersion} asked for (0 or 1). Only WebSockets are offered, and never
 * stateful reconnect.
 */
public final class NegotiateEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateEndpoint.class);

	private static final List<Transport> TRANSPORTS = List.of(new Transport("WebSockets", List.of("Text", "Binary")));

	private final TokenValidator tokens;

	private final PendingConnections pending;

	private final String ownHost;

	NegotiateEndpoint(TokenValidator tokens, PendingConnections pending, String ownHost) {
		this.tokens = tokens;
		this.pending = pending;
		this.ownHost = ownHost;
	}

	public Publisher<Void> handle(Exchange exchange) {
		if (!HttpMethod.POST.equals(exchange.method())) {
			return exchange.error(405, "Error.Request.MethodNotAllowed", "Negotiate is a POST");
		}
		String hub = exchange.query("hub");
		if (!HubRegistry.isValidName(hub)) {
			return exchange.error(400, "Error.Request.InvalidHub", "Invalid hub name in the 'hub' query parameter");
		}
		try {
			this.tokens.validate(exchange.bearerToken(),
					Audience.client("http", exchange.audienceHosts(this.ownHost), hub));
		}
		catch (TokenRejectedException ex) {
			logger.debug("Negotiate for hub {} refused: {}", hub, ex.getMessage());
			return exchange.unauthorized(ex.getMessage());
		}
		int version = negotiateVersion(exchange.query("negotiateVersion"));
		String connectionId = PendingConnections.newId();
		String connectionToken = (version >= 1) ? PendingConnections.newId() : connectionId;
		this.pending.add(connectionToken, HubRegistry.normalize(hub), connectionId);
		Object answer = (version >= 1) ? new NegotiateV1(1, connectionId, connectionToken, TRANSPORTS)
				: new NegotiateV0(0, connectionId, TRANSPORTS);
		return exchange.json(200, answer);
	}

	private static int negotiateVersion(@Nullable String value) {
		try {
			return (value != null) ? Math.min(1, Math.max(0, Integer.parseInt(value))) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	record Transport(String transport, List<String> transferFormats) {

	}

	record NegotiateV1(int negotiateVersion, String connectionId, String connectionToken,
			List<Transport> availableTransports) {

	}

	record NegotiateV0(int negotiateVersion, String connectionId, List<Transport> availableTransports) {

	}

}

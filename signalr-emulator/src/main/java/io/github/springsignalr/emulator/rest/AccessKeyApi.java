package io.github.springsignalr.emulator.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.auth.EntraAuthentication;
import io.github.springsignalr.emulator.auth.EntraPrincipal;
import io.github.springsignalr.emulator.auth.TemporaryKey;
import io.github.springsignalr.emulator.auth.TemporaryKeys;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import io.github.springsignalr.emulator.http.Exchange;

/**
 * {@code GET /api/v1/auth/accessKey} with a Microsoft Entra token: a new temporary access key,
 * {@code {"KeyId": …, "AccessKey": …}}, to sign client and REST tokens with until it expires. An invalid token gets
 * 401; an identity without the "SignalR App Server" or "SignalR Service Owner" role gets 403, as from the service.
 * Any query ({@code api-version}, {@code serverId}) is ignored.
 */
public final class AccessKeyApi {

	public static final String PATH = "/api/v1/auth/accessKey";

	private static final Logger logger = LoggerFactory.getLogger(AccessKeyApi.class);

	private final TemporaryKeys keys;

	private final EntraAuthentication entra;

	/**
	 * @param entra how Entra tokens are checked, or {@code null} when the instance trusts no Microsoft Entra ID
	 */
	public AccessKeyApi(TemporaryKeys keys, EntraAuthentication entra) {
		this.keys = keys;
		this.entra = entra;
	}

	public Publisher<Void> handle(Exchange exchange) {
		if (!HttpMethod.GET.equals(exchange.method())) {
			return exchange.error(405, "Error.Request.MethodNotAllowed", "GET " + PATH);
		}
		if (this.entra == null) {
			logger.debug("Temporary access key refused: no Microsoft Entra ID is trusted");
			return exchange.unauthorized("This emulator trusts no Microsoft Entra ID, so it hands out no temporary "
					+ "access keys: build it with SignalREmulator.builder().entra(…)");
		}
		EntraPrincipal principal;
		try {
			principal = this.entra.authenticate(exchange.headerBearerToken());
		}
		catch (TokenRejectedException ex) {
			logger.debug("Temporary access key refused: {}", ex.getMessage());
			return exchange.unauthorized(ex.getMessage());
		}
		if (!this.entra.mayGetAccessKey(principal)) {
			logger.debug("Temporary access key refused to client {}: no role allows it", principal.clientId());
			return exchange.error(403, "Error.Forbidden", "Client " + principal.clientId()
					+ " may not get access keys. Please check your role assignments: it needs \"SignalR App Server\" "
					+ "or \"SignalR Service Owner\".");
		}
		TemporaryKey key = this.keys.issue(principal.clientId());
		logger.debug("Temporary access key {} handed to client {} until {}", key.keyId(), principal.clientId(),
				key.expiresAt());
		// The service's (PascalCase) property names, in its order.
		Map<String, String> answer = new LinkedHashMap<>();
		answer.put("KeyId", key.keyId());
		answer.put("AccessKey", key.accessKey());
		return exchange.json(200, answer);
	}

}

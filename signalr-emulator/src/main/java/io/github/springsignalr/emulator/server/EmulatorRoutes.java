package io.github.springsignalr.emulator.server;

import java.util.function.BiFunction;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.springsignalr.emulator.auth.KeyRing;
import io.github.springsignalr.emulator.client.ClientEndpoint;
import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.rest.AccessKeyApi;
import io.github.springsignalr.emulator.rest.RestApi;
import io.github.springsignalr.emulator.rest.RestFaults;
import io.github.springsignalr.emulator.serverconnection.ServerConnectionEndpoint;
import io.github.springsignalr.emulator.serverconnection.ServerConnections;

/**
 * Routes each request: {@code /client/negotiate} and {@code /client/} to the client endpoint, {@code /server/} to
 * the server connections of default mode, {@code /api/health}
 * and {@code /api/v1/health} answered at once without a token, {@code /api/v1/auth/accessKey} to the temporary
 * access keys of Microsoft Entra ID, the rest of {@code /api/} to the REST API (through the faults armed for it),
 * {@code /admin/} to the admin API; preflight {@code OPTIONS} for browsers.
 */
public final class EmulatorRoutes implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final Logger logger = LoggerFactory.getLogger(EmulatorRoutes.class);

	private final ClientEndpoint clients;

	private final ServerConnectionEndpoint servers;

	private final RestApi rest;

	private final AccessKeyApi accessKeys;

	private final AdminApi admin;

	private final RestFaults faults;

	/**
	 * @param connectionString the connection string for a key, for the admin API's answers
	 */
	public EmulatorRoutes(ClientEndpoint clients, ServerConnectionEndpoint servers, RestApi rest, AccessKeyApi accessKeys, KeyRing keys,
			RestFaults faults, ServerConnections serverConnections, Function<String, String> connectionString) {
		this.clients = clients;
		this.servers = servers;
		this.rest = rest;
		this.accessKeys = accessKeys;
		this.faults = faults;
		this.admin = new AdminApi(keys, faults, serverConnections, connectionString);
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		return Exchange.answer(request, response, logger, this::route, (exchange, ex) -> exchange.error(500,
				"Error.Internal", "The emulator failed: " + ex.getClass().getSimpleName()));
	}

	private Publisher<Void> route(Exchange exchange) {
		String path = exchange.uri().path();
		if (path.equals("/admin") || path.startsWith("/admin/")) {
			return this.admin.handle(exchange);
		}
		if (HttpMethod.OPTIONS.equals(exchange.method())) {
			return Cors.preflight(exchange);
		}
		Cors.allow(exchange);
		if (path.equals("/api/health") || path.equals("/api/v1/health")) {
			boolean read = HttpMethod.HEAD.equals(exchange.method()) || HttpMethod.GET.equals(exchange.method());
			return read ? exchange.status(200)
					: exchange.error(405, "Error.Request.MethodNotAllowed", "Health is a HEAD or a GET");
		}
		if (path.equals("/client/negotiate") || path.equals("/client/negotiate/")) {
			return this.clients.negotiate(exchange);
		}
		if (path.equals("/client") || path.equals("/client/")) {
			return this.clients.connect(exchange);
		}
		if (path.equals("/server") || path.equals("/server/")) {
			return this.servers.connect(exchange);
		}
		if (path.equalsIgnoreCase(AccessKeyApi.PATH)) {
			return this.accessKeys.handle(exchange);
		}
		if (path.startsWith("/api/")) {
			return this.faults.apply(exchange, () -> this.rest.handle(exchange));
		}
		return exchange.error(404, "Error.Request.NotFound", "Nothing at " + path);
	}

}

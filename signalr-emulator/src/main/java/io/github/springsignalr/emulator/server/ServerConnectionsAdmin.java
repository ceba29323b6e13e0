package io.github.springsignalr.emulator.server;

import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.hub.HubRegistry;
import io.github.springsignalr.emulator.serverconnection.ServerConnections;

/**
 * Server connections of default mode failed on demand, for tests of an application under faults:
 * {@code POST /admin/server-connections/drop?hub={hub}&count={n}} drops {@code n} (by default 1) of the hub's live
 * server connections, chosen at random, and their clients with them, as the service does when a server connection
 * fails. The answer is {@code {"hub": "chat", "dropped": 1}}; the servers may connect again.
 */
final class ServerConnectionsAdmin {

	static final String DROP_PATH = "/admin/server-connections/drop";

	private static final Logger logger = LoggerFactory.getLogger(ServerConnectionsAdmin.class);

	private ServerConnectionsAdmin() {
	}

	static Publisher<Void> drop(Exchange exchange, ServerConnections servers) {
		if (!HttpMethod.POST.equals(exchange.method())) {
			return exchange.error(405, "Error.Request.MethodNotAllowed", "POST " + DROP_PATH + "?hub={hub}&count={n}");
		}
		String hub = exchange.query("hub");
		if (!HubRegistry.isValidName(hub)) {
			return exchange.error(400, "Error.Request.InvalidHub",
					"POST " + DROP_PATH + "?hub={hub}&count={n} needs a valid hub name");
		}
		int count;
		try {
			String value = exchange.query("count");
			count = (value != null) ? Integer.parseInt(value) : 1;
		}
		catch (NumberFormatException ex) {
			count = -1;
		}
		if (count < 1) {
			return exchange.error(400, "Error.Request.Invalid", "count is a whole number of at least 1");
		}
		String normalized = HubRegistry.normalize(hub);
		int dropped = servers.drop(normalized, count);
		logger.info("Dropped {} server connection(s) of hub {} on request", dropped, normalized);
		return exchange.json(200, Map.of("hub", normalized, "dropped", dropped));
	}

}

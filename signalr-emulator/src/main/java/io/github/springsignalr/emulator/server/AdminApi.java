package io.github.springsignalr.emulator.server;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.auth.AccessKeys;
import io.github.springsignalr.emulator.auth.KeyFingerprint;
import io.github.springsignalr.emulator.auth.KeyRing;
import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.emulator.rest.RestFaults;
import io.github.springsignalr.emulator.serverconnection.ServerConnections;

/**
 * Key management, as {@code az signalr key list} and {@code az signalr key renew} do it:
 * {@code GET /admin/keys} and {@code POST /admin/keys/{primary|secondary}/regenerate}, both answering the keys and
 * their connection strings; the faults injected into REST calls, under {@code /admin/rest-faults}
 * ({@link FaultsAdmin}); and server connections of default mode dropped on demand,
 * {@code POST /admin/server-connections/drop} ({@link ServerConnectionsAdmin}).
 * <p>
 * Only for requests from this machine that no browser page could have sent: the peer is a loopback address, the
 * {@code Host} names the loopback (against DNS rebinding) and there is no {@code Origin} header (against a page
 * posting across origins). Anything else gets 403.
 */
final class AdminApi {

	private static final Logger logger = LoggerFactory.getLogger(AdminApi.class);

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private final KeyRing keys;

	private final RestFaults faults;

	private final ServerConnections servers;

	private final Function<String, String> connectionString;

	/**
	 * @param connectionString the connection string for a key
	 */
	AdminApi(KeyRing keys, RestFaults faults, ServerConnections servers, Function<String, String> connectionString) {
		this.keys = keys;
		this.faults = faults;
		this.servers = servers;
		this.connectionString = connectionString;
	}

	Publisher<Void> handle(Exchange exchange) {
		if (!isFromThisMachine(exchange)) {
			return exchange.error(403, "Error.Forbidden",
					"The admin API answers only requests from this machine without an Origin header");
		}
		String path = exchange.uri().path();
		if (path.equals(FaultsAdmin.PATH)) {
			return FaultsAdmin.handle(exchange, this.faults);
		}
		if (path.equals(ServerConnectionsAdmin.DROP_PATH)) {
			return ServerConnectionsAdmin.drop(exchange, this.servers);
		}
		if (path.equals("/admin/keys")) {
			return HttpMethod.GET.equals(exchange.method()) ? exchange.json(200, keys())
					: exchange.error(405, "Error.Request.MethodNotAllowed", "GET /admin/keys");
		}
		KeyType type = regeneratedKey(path);
		if (type == null) {
			return exchange.error(404, "Error.Request.NotFound",
					"The admin API has GET /admin/keys, POST /admin/keys/{primary|secondary}/regenerate, "
							+ "GET, POST or DELETE /admin/rest-faults and POST /admin/server-connections/drop");
		}
		if (!HttpMethod.POST.equals(exchange.method())) {
			return exchange.error(405, "Error.Request.MethodNotAllowed", "POST to regenerate a key");
		}
		String old = KeyFingerprint.of(this.keys.keys().key(type));
		String key = this.keys.regenerate(type);
		logger.info("The {} access key was regenerated, now {}", type.name().toLowerCase(Locale.ROOT),
				KeyFingerprint.of(key));
		this.servers.keyRegenerated(old);
		return exchange.json(200, keys());
	}

	private static @Nullable KeyType regeneratedKey(String path) {
		return switch (path) {
			case "/admin/keys/primary/regenerate" -> KeyType.PRIMARY;
			case "/admin/keys/secondary/regenerate" -> KeyType.SECONDARY;
			default -> null;
		};
	}

	private KeyList keys() {
		AccessKeys current = this.keys.keys();
		return new KeyList(current.primary(), current.secondary(), this.connectionString.apply(current.primary()),
				this.connectionString.apply(current.secondary()));
	}

	private static boolean isFromThisMachine(Exchange exchange) {
		InetSocketAddress peer = exchange.request().remoteAddress();
		if (peer == null || peer.getAddress() == null || !peer.getAddress().isLoopbackAddress()) {
			return false;
		}
		if (exchange.header(HttpHeaderNames.ORIGIN) != null) {
			return false;
		}
		String host = exchange.header(HttpHeaderNames.HOST);
		if (host == null) {
			return false;
		}
		int port = host.lastIndexOf(':');
		String name = (port > host.lastIndexOf(']')) ? host.substring(0, port) : host;
		return LOOPBACK_HOSTS.contains(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * The answer, in the shape of {@code az signalr key list}.
	 */
	record KeyList(String primaryKey, String secondaryKey, String primaryConnectionString,
			String secondaryConnectionString) {

		@Override
		public String toString() {
			return "KeyList[primary=" + KeyFingerprint.of(this.primaryKey) + ", secondary="
					+ KeyFingerprint.of(this.secondaryKey) + "]";
		}

	}

}

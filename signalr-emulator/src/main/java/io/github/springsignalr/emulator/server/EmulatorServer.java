package io.github.springsignalr.emulator.server;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import io.github.springsignalr.emulator.auth.EntraAuthentication;
import io.github.springsignalr.emulator.auth.KeyRing;
import io.github.springsignalr.emulator.auth.TemporaryKeys;
import io.github.springsignalr.emulator.auth.TokenValidator;
import io.github.springsignalr.emulator.client.ClientEndpoint;
import io.github.springsignalr.emulator.client.SessionSettings;
import io.github.springsignalr.emulator.hub.HubRegistry;
import io.github.springsignalr.emulator.serverconnection.ServerConnectionEndpoint;
import io.github.springsignalr.emulator.serverconnection.ServerConnections;
import io.github.springsignalr.emulator.serverconnection.ServerSettings;
import io.github.springsignalr.emulator.rest.AccessKeyApi;
import io.github.springsignalr.emulator.rest.RestApi;
import io.github.springsignalr.emulator.rest.RestFaults;
import io.github.springsignalr.emulator.upstream.UpstreamClient;
import io.github.springsignalr.emulator.upstream.UpstreamTemplate;

/**
 * The bound HTTP server with every endpoint wired to the instance's keys and hubs, and its orderly stop.
 */
public final class EmulatorServer {

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	/** How long clients have to answer the close at shutdown before their sockets are closed under them. */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

	private final DisposableServer server;

	private final HubRegistry hubs;

	/** Every open connection, kept-alive HTTP ones included, so that a stopped emulator answers nothing. */
	private final ChannelGroup connections;

	private final ServerConnections servers;

	private EmulatorServer(DisposableServer server, HubRegistry hubs, ServerConnections servers,
			ChannelGroup connections) {
		this.server = server;
		this.hubs = hubs;
		this.servers = servers;
		this.connections = connections;
	}

	/**
	 * Binds a server.
	 * @param bindHost the host to bind to
	 * @param port the port, 0 for a free one
	 * @param ownHost the host name clients use, which token audiences may name
	 * @param upstream the upstream URL template, or {@code null}
	 * @param upstreamToken the bearer token of each upstream request, {@code null} for none
	 * @param temporaryKeys the temporary keys handed out to applications signed in with Microsoft Entra ID
	 * @param entra how Microsoft Entra tokens are checked, or {@code null} to refuse them
	 * @param connectionString the connection string for a key, for the admin API
	 */
	/**
	 * The longest request line: the .NET SDK puts every excluded connection id in the query, so the service takes
	 * long ones (Netty's default of 4 KB would refuse a few hundred ids). Inferred; the service documents no limit.
	 */
	static final int MAX_REQUEST_LINE = 64 * 1024;

	/**
	 * The longest request line and headers together, as the server counts them: room for the request line above. The
	 * REST API documents 16 KB of headers at most; this emulator does not enforce that limit exactly.
	 */
	static final int MAX_HEADER_SIZE = 64 * 1024;

	public static EmulatorServer start(String bindHost, int port, String ownHost, KeyRing keys,
			TemporaryKeys temporaryKeys, EntraAuthentication entra, HubRegistry hubs, ServerConnections servers,
			UpstreamTemplate upstream,
			Supplier<String> upstreamToken, SessionSettings sessionSettings, RestFaults faults,
			Function<String, String> connectionString) {
		Clock clock = Clock.systemUTC();
		TokenValidator tokens = new TokenValidator(keys, temporaryKeys, entra, clock);
		ClientEndpoint clients = new ClientEndpoint(tokens, hubs, servers,
				new UpstreamClient(upstream, keys::keys, upstreamToken), sessionSettings, clock, ownHost);
		ServerConnectionEndpoint serverEndpoint = new ServerConnectionEndpoint(tokens, hubs, servers,
				ServerSettings.DEFAULT, clock, ownHost);
		EmulatorRoutes routes = new EmulatorRoutes(clients, serverEndpoint, new RestApi(tokens, hubs, ownHost, entra),
				new AccessKeyApi(temporaryKeys, entra), keys, faults, servers, connectionString);
		ChannelGroup connections = new DefaultChannelGroup("signalr-emulator", GlobalEventExecutor.INSTANCE);
		DisposableServer server = HttpServer.create()
			.host(bindHost)
			.port(port)
			.httpRequestDecoder((decoder) -> decoder.maxInitialLineLength(MAX_REQUEST_LINE)
				.maxHeaderSize(MAX_HEADER_SIZE))
			.channelGroup(connections)
			.handle(routes)
			.bindNow(BIND_TIMEOUT);
		return new EmulatorServer(server, hubs, servers, connections);
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * Closes every client connection, gives the clients a moment to answer, unbinds, and closes the connections left
	 * (idle keep-alive HTTP connections would otherwise go on answering, so a health probe would still see the
	 * service up).
	 */
	public void stop() {
		this.hubs.closeAll("The emulator is shutting down.");
		this.servers.closeAll();
		long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
		while (this.hubs.connectionCount() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.server.disposeNow(BIND_TIMEOUT);
		this.connections.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
	}

}

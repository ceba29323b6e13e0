package io.github.springsignalr.benchmarks.defaultmode;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeServer;

/**
 * One mode set up for measuring: an in-process emulator and the {@link BenchApplication} on a local port, either in
 * default mode (server connections to the emulator, which has no upstream) or in serverless mode (the emulator calls
 * the application's upstream endpoint, sends go over the REST API). Clients negotiate at the application, as in
 * production.
 */
public final class BenchSetup implements AutoCloseable {

	/** The SDK's default number of server connections per hub and endpoint. */
	public static final int SERVER_CONNECTIONS = 5;

	private final Mode mode;

	private final SignalREmulator service;

	private final ConfigurableApplicationContext app;

	private BenchSetup(Mode mode, SignalREmulator service, ConfigurableApplicationContext app) {
		this.mode = mode;
		this.service = service;
		this.app = app;
	}

	public enum Mode {

		/** Server connections: client → service → application over a server connection → service → client. */
		DEFAULT,

		/** Upstream: client → service → HTTP request to the application → its response → service → client. */
		SERVERLESS

	}

	public static BenchSetup start(Mode mode) {
		int port = freePort();
		SignalREmulator.Builder builder = SignalREmulator.builder().port(0);
		if (mode == Mode.SERVERLESS) {
			builder.upstream("http://localhost:" + port + "/signalr/upstream/{hub}/{category}/{event}");
		}
		SignalREmulator service = builder.build().start();
		ConfigurableApplicationContext app;
		try {
			app = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.SERVLET)
				.properties("server.port=" + port, "spring.main.banner-mode=off", "logging.level.root=warn",
						"azure.signalr.connection-string=" + service.primaryConnectionString(),
						"azure.signalr.mode=" + ((mode == Mode.DEFAULT) ? "default" : "serverless"))
				.run();
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
		BenchSetup setup = new BenchSetup(mode, service, app);
		if (mode == Mode.DEFAULT) {
			setup.awaitServerConnections(Duration.ofSeconds(60));
		}
		return setup;
	}

	private void awaitServerConnections(Duration timeout) {
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (server.connectedCounts().values().stream().mapToInt((hubs) -> hubs.getOrDefault(EchoHub.HUB, 0)).sum()
				< SERVER_CONNECTIONS) {
			if (System.nanoTime() > deadline) {
				close();
				throw new IllegalStateException("The application did not open its server connections within " + timeout);
			}
			sleep(50);
		}
	}

	public Mode mode() {
		return this.mode;
	}

	public SignalREmulator service() {
		return this.service;
	}

	public SignalRTemplate template() {
		return this.app.getBean(SignalRTemplate.class);
	}

	public String appUrl() {
		return "http://localhost:" + this.app.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * The official Java client, negotiated at the application and connected through the service.
	 */
	public HubConnection connect() {
		HubConnection client = HubConnectionBuilder.create(appUrl() + "/" + EchoHub.HUB).build();
		// Every client gets the broadcasts; without a handler the client logs an error (and its stack) for each.
		client.on(Broadcasts.TARGET, (n) -> {
		}, Integer.class);
		if (!client.start().blockingAwait(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The client did not connect within 30 s");
		}
		return client;
	}

	@Override
	public void close() {
		this.app.close();
		this.service.close();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

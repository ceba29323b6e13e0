package io.github.springsignalr.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointSnapshot;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.NegotiateContext;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A router of the application's own, as .NET applications write one (Functions users asked for negotiate routed by
 * a header or the query): two emulated primaries, east and west; the official Java client negotiating through the
 * application with an {@code X-Region} header lands on that region; messages to users named {@code eu-…} go to
 * east only, to groups named {@code west-…} (and their membership) to west only; and a template restricted with
 * {@link SignalRTemplate#withEndpoints} sends to its endpoints only. That a client did not receive a message is shown
 * by what it received next: a broadcast sent after it.
 */
@SpringBootTest(classes = { ChatApplication.class, EndpointRoutingTests.RegionRouting.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator(endpoints = { "east", "west" })
@EndToEndTest
class EndpointRoutingTests {

	static final String REGION_HEADER = "X-Region";

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private static final EndpointId WEST = new EndpointId("west", EndpointType.PRIMARY);

	@Autowired
	@Qualifier("east")
	private SignalREmulator east;

	@Autowired
	@Qualifier("west")
	private SignalREmulator west;

	@Autowired
	private ConfigurableApplicationContext app;

	private final List<HubConnection> clients = new ArrayList<>();

	@AfterEach
	void stopClients() {
		this.clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
	}

	@Test
	void negotiateIsRoutedByARequestHeaderOrTheQueryAndFallsBackWithout() throws Exception {
		BlockingQueue<String> toWest = connect("carl", "west");
		assertThat(this.west.connectionCount("chat")).as("the header sent the client west").isEqualTo(1);
		assertThat(this.east.connectionCount("chat")).isZero();
		BlockingQueue<String> toEast = connect("dora", "east");
		assertThat(this.east.connectionCount("chat")).isEqualTo(1);
		assertThat(this.west.connectionCount("chat")).isEqualTo(1);
		this.app.getBean(SignalRTemplate.class).sendToAll("chat", "message", "both regions");
		assertThat(toWest.poll(10, TimeUnit.SECONDS)).isEqualTo("both regions");
		assertThat(toEast.poll(10, TimeUnit.SECONDS)).isEqualTo("both regions");

		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < 10; i++) {
			assertThat(negotiate(http, "?negotiateVersion=1&region=west", null)).containsEntry("url",
					this.west.clientUrl("chat"));
			assertThat(negotiate(http, "?region=ea%73t", null)).as("decoded")
				.containsEntry("url", this.east.clientUrl("chat"));
			assertThat(negotiate(http, "?negotiateVersion=1", "east")).containsEntry("url", this.east.clientUrl("chat"));
		}
		// Without a region, or with one that names nothing: the default choice, a primary at random.
		for (String query : List.of("?negotiateVersion=1", "?region=north")) {
			Map<String, Object> answer = negotiate(http, query, null);
			assertThat(answer).containsEntry("status", 200);
			assertThat(answer.get("url")).isIn(this.east.clientUrl("chat"), this.west.clientUrl("chat"));
		}
		// A stray '%' (which java.net.URI refuses to send) is a value that names nothing, never a 500.
		assertThat(rawNegotiateStatusLine("/chat/negotiate?region=%zz&negotiateVersion=1")).startsWith("HTTP/1.1 200");
	}

	private String rawNegotiateStatusLine(String pathAndQuery) throws Exception {
		int port = Integer.parseInt(this.app.getEnvironment().getProperty("local.server.port"));
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
						+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	@Test
	void userAndGroupMessagesGoToTheEndpointsTheRouterChose() throws Exception {
		// The same user on both endpoints.
		BlockingQueue<String> annaEast = connect("eu-anna", "east");
		BlockingQueue<String> annaWest = connect("eu-anna", "west");
		SignalRTemplate template = this.app.getBean(SignalRTemplate.class);

		SignalRResult toUser = template.sendToUser("chat", "eu-anna", "message", "to eu users, east only");
		assertThat(toUser.results()).extracting(EndpointResult::endpoint).containsExactly(EAST);
		assertThat(annaEast.poll(10, TimeUnit.SECONDS)).isEqualTo("to eu users, east only");

		SignalRResult joined = template.addUserToGroup("chat", "west-room", "eu-anna");
		assertThat(joined.results()).extracting(EndpointResult::endpoint).containsExactly(WEST);
		SignalRResult toGroup = template.sendToGroup("chat", "west-room", "message", "to the west room");
		assertThat(toGroup.results()).extracting(EndpointResult::endpoint).containsExactly(WEST);
		assertThat(annaWest.poll(10, TimeUnit.SECONDS)).as("the user message did not reach west")
			.isEqualTo("to the west room");

		// Other users and groups: every endpoint, as by default.
		template.addUserToGroup("chat", "lobby", "eu-anna");
		assertThat(template.sendToGroup("chat", "lobby", "message", "lobby").results()).hasSize(2);
		assertThat(annaEast.poll(10, TimeUnit.SECONDS)).as("the west room did not reach east").isEqualTo("lobby");
		assertThat(annaWest.poll(10, TimeUnit.SECONDS)).isEqualTo("lobby");
	}

	@Test
	void aTemplateWithChosenEndpointsSendsThereOnly() throws Exception {
		BlockingQueue<String> onEast = connect("erin", "east");
		BlockingQueue<String> onWest = connect("finn", "west");
		SignalRTemplate template = this.app.getBean(SignalRTemplate.class);
		SignalRResult eastOnly = template.withEndpoints(EAST).sendToAll("chat", "message", "east only");
		assertThat(eastOnly.results()).extracting(EndpointResult::endpoint).containsExactly(EAST);
		template.sendToAll("chat", "message", "everyone");
		assertThat(onEast.poll(10, TimeUnit.SECONDS)).isEqualTo("east only");
		assertThat(onEast.poll(10, TimeUnit.SECONDS)).isEqualTo("everyone");
		assertThat(onWest.poll(10, TimeUnit.SECONDS)).isEqualTo("everyone");
	}

	private BlockingQueue<String> connect(String user, String region) {
		HubConnection client = HubConnectionBuilder.create(ChatApplication.url(this.app) + "/chat")
			.withHeader(ChatApplication.USER_HEADER, user)
			.withHeader(REGION_HEADER, region)
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		client.on("message", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		this.clients.add(client);
		return received;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> negotiate(HttpClient http, String query, String region) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(ChatApplication.url(this.app) + "/chat/negotiate" + query))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (region != null) {
			request.header(REGION_HEADER, region);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		Map<String, Object> body = JsonMapper.shared().readValue(response.body(), Map.class);
		body.put("status", response.statusCode());
		return body;
	}

	@Configuration(proxyBeanMethods = false)
	static class RegionRouting {

		@Bean
		RegionRouter regionRouter() {
			return new RegionRouter();
		}

	}

	/**
	 * The endpoint named by the {@code X-Region} header or the {@code region} query parameter, if it is online;
	 * users {@code eu-…} on east, groups {@code west-…} on west.
	 */
	static class RegionRouter extends DefaultEndpointRouter {

		@Override
		public ServiceEndpoint negotiateEndpoint(NegotiateContext context, EndpointSnapshot snapshot) {
			return context.header(REGION_HEADER)
				.or(() -> context.queryParameter("region"))
				.flatMap((region) -> snapshot.online().stream().filter((e) -> e.name().equals(region)).findFirst())
				.orElseGet(() -> super.negotiateEndpoint(context, snapshot));
		}

		@Override
		public List<ServiceEndpoint> endpointsForUser(String hub, String userId, List<ServiceEndpoint> endpoints) {
			return userId.startsWith("eu-") ? named("east", endpoints) : endpoints;
		}

		@Override
		public List<ServiceEndpoint> endpointsForGroup(String hub, String group, List<ServiceEndpoint> endpoints) {
			return group.startsWith("west-") ? named("west", endpoints) : endpoints;
		}

		private static List<ServiceEndpoint> named(String name, List<ServiceEndpoint> endpoints) {
			return endpoints.stream().filter((endpoint) -> endpoint.name().equals(name)).toList();
		}

	}

}

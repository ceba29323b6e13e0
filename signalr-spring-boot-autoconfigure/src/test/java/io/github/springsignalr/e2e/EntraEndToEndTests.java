package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.test.EmulatedEntraApplication;
import io.github.springsignalr.test.SignalREmulatorCustomizer;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's acceptance test: an application whose connection string is {@code AuthType=azure.app}, signing in to the
 * Microsoft Entra ID emulator with azure-identity's real {@code ClientSecretCredential} and getting temporary access
 * keys from the SignalR emulator. The official Java client negotiates through the application and connects, and
 * {@link SignalRTemplate} sends (with the Entra token as bearer); then, under a load of negotiations, connections and
 * sends, temporary keys that live four seconds are refreshed every second and a half — and no operation fails. No
 * client secret, key or token reaches the output or Spring Boot's actuator endpoints.
 */
@SpringBootTest(classes = { ChatApplication.class, EntraEndToEndTests.Settings.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.entra.key-refresh-interval=1500ms",
				"azure.signalr.entra.retry-interval=500ms", "azure.signalr.entra.key-lifetime=4s",
				"management.endpoints.web.exposure.include=*" })
@AutoConfigureSignalREmulator(entra = true)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class EntraEndToEndTests {

	private static final Duration KEY_LIFETIME = Duration.ofSeconds(4);

	@Autowired
	private EntraEmulator entra;

	@Autowired
	private EmulatedEntraApplication application;

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	private final Set<String> keysSeen = ConcurrentHashMap.newKeySet();

	private final Set<String> keyIdsSeen = ConcurrentHashMap.newKeySet();

	@Test
	void azureAppNegotiatesConnectsSendsAndRefreshesItsKeyUnderLoad(CapturedOutput output) throws Exception {
		ServiceEndpointRegistry registry = this.app.getBean(ServiceEndpointRegistry.class);
		SignalRTemplate template = this.app.getBean(SignalRTemplate.class);
		ServiceEndpoint started = registry.endpoints().get(0);
		assertThat(started.online()).as("online with its first key once started").isTrue();
		assertThat(started.accessKey()).isNotNull();
		remember(started);

		// Negotiate: a client token signed with the temporary key, the service's KeyId as kid. A first request
		// beforehand starts the application's servlet, so that the negotiation comes within the key's refresh interval.
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(ChatApplication.url(this.app) + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.discarding());
		remember(registry.endpoints().get(0));
		Map<String, Object> answer = ChatApplication.negotiate(HttpClient.newHttpClient(), ChatApplication.url(this.app),
				"chat");
		assertThat(answer).containsEntry("status", 200).containsEntry("url", this.service.clientUrl("chat"));
		assertThat(kidOf((String) answer.get("accessToken"))).isIn(this.keyIdsSeen);

		// The official client connects through the application and receives a REST send.
		HubConnection client = HubConnectionBuilder.create(ChatApplication.url(this.app) + "/chat")
			.withHeader(ChatApplication.USER_HEADER, "alice")
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		client.on("message", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		try {
			assertThat(template.sendToUser("chat", "alice", "message", "hello alice").results())
				.extracting(EndpointResult::outcome)
				.containsExactly(EndpointResult.Outcome.OK);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello alice");
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}

		// Under load, through at least three key lifetimes.
		int keysBefore = this.service.temporaryKeysIssued();
		LoadGenerator load = new LoadGenerator(ChatApplication.url(this.app), template, 8, 120, 20,
				Duration.ofSeconds(60));
		List<String> offline = new ArrayList<>();
		try {
			long until = System.nanoTime() + KEY_LIFETIME.multipliedBy(3).toNanos();
			while (System.nanoTime() < until) {
				ServiceEndpoint current = registry.endpoints().get(0);
				remember(current);
				if (!current.online()) {
					offline.add("offline at key " + ((current.accessKey() != null) ? current.accessKey().id() : "none"));
				}
				Thread.sleep(20);
			}
			assertThat(load.isRunning()).as("the load ran throughout").isTrue();
		}
		finally {
			load.close();
		}
		int refreshed = this.service.temporaryKeysIssued() - keysBefore;
		System.out.println("Entra end to end: " + load.summary() + "; " + refreshed + " temporary keys fetched in "
				+ KEY_LIFETIME.multipliedBy(3).toSeconds() + " s, " + this.entra.tokensIssued() + " Entra tokens issued");
		assertThat(load.failureSamples()).as("failed operations").isEmpty();
		assertThat(load.failures()).isZero();
		assertThat(offline).as("the endpoint never went offline").isEmpty();
		assertThat(refreshed).as("keys refreshed before they expired").isGreaterThanOrEqualTo(6);
		assertThat(this.keyIdsSeen).hasSizeGreaterThanOrEqualTo(7);
		List<String> secrets = new ArrayList<>(this.keysSeen);
		secrets.add(this.application.clientSecret());
		LogScan.assertNoSecrets(output.getAll(), secrets);
		for (String endpoint : List.of("env", "env/azure.signalr.connection-string", "configprops", "health", "beans")) {
			HttpResponse<String> actuator = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(ChatApplication.url(this.app) + "/actuator/" + endpoint)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(actuator.statusCode()).as("/actuator/%s", endpoint).isEqualTo(200);
			assertThat(actuator.body()).as("/actuator/%s", endpoint).doesNotContain(this.application.clientSecret());
			this.keysSeen.forEach((key) -> assertThat(actuator.body()).doesNotContain(key));
		}
	}

	private void remember(ServiceEndpoint endpoint) {
		AccessKey key = endpoint.accessKey();
		if (key != null) {
			this.keysSeen.add(key.value());
			this.keyIdsSeen.add(key.id());
		}
	}

	@SuppressWarnings("unchecked")
	private static String kidOf(String jwt) throws Exception {
		byte[] header = Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')));
		return (String) JsonMapper.shared().readValue(header, Map.class).get("kid");
	}

	@Configuration(proxyBeanMethods = false)
	static class Settings {

		@Bean
		SignalREmulatorCustomizer shortTemporaryKeys() {
			return (endpoint, builder) -> builder.temporaryKeyLifetime(KEY_LIFETIME);
		}

		/**
		 * The connection string in the environment too, for the actuator's env endpoint to show (sanitized): the
		 * application's endpoint comes from the test support's connection details.
		 */
		@Bean
		DynamicPropertyRegistrar connectionString(SignalREmulator service, EmulatedEntraApplication application) {
			return (registry) -> registry.add("azure.signalr.connection-string", () -> service
				.entraConnectionString(application.tenantId(), application.clientId(), application.clientSecret()));
		}

	}

}

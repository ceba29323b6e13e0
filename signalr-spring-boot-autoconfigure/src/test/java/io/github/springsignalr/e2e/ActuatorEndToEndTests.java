package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, the {@code signalr} actuator endpoint and the meters of a real application over HTTP, two emulated services
 * behind it: what an operator reads, and no secret in it.
 */
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class ActuatorEndToEndTests {

	/**
	 * The application holds each endpoint's secondary key.
	 */
	@Nested
	@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,signalr",
					"management.endpoint.health.show-details=always" })
	@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" }, key = KeyType.SECONDARY)
	@DirtiesContext
	class Descriptors {

		@Autowired
		@Qualifier("east")
		private SignalREmulator east;

		@Autowired
		@Qualifier("west")
		private SignalREmulator west;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		@SuppressWarnings("unchecked")
		void healthAndTheSignalrEndpointDescribeEndpointsByKeyIdOnly(CapturedOutput output) throws Exception {
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);

			HttpResponse<String> signalr = get(http, appUrl + "/actuator/signalr");
			assertThat(signalr.statusCode()).isEqualTo(200);
			Map<String, Object> body = JsonMapper.shared().readValue(signalr.body(), Map.class);
			List<Map<String, Object>> endpoints = (List<Map<String, Object>>) body.get("endpoints");
			assertThat(endpoints).hasSize(2);
			Map<String, Object> east = endpoints.get(0);
			assertThat(east).containsEntry("name", "east")
				.containsEntry("type", "primary")
				.containsEntry("online", true)
				.containsEntry("endpoint", this.east.endpoint().toString())
				.containsEntry("clientEndpoint", this.east.endpoint().toString())
				.containsEntry("serverEndpoint", this.east.endpoint().toString())
				.containsEntry("authType", "accesskey");
			Map<String, Object> eastKey = (Map<String, Object>) east.get("key");
			assertThat(eastKey).containsEntry("id", AccessKey.of(this.east.accessKey(KeyType.SECONDARY)).id())
				.containsKey("since")
				// Written as null, not left out: an operator sees that there is no previous key and nothing staged.
				.containsEntry("previousId", null)
				.containsEntry("previousSafeToRegenerate", null)
				.containsEntry("staged", null);
			assertThat(east).containsEntry("lastRefresh", null);
			assertThat(endpoints.get(1)).containsEntry("name", "west").containsEntry("type", "secondary");
			assertThat(((Map<String, Object>) endpoints.get(1).get("key"))).containsEntry("id",
					AccessKey.of(this.west.accessKey(KeyType.SECONDARY)).id());

			HttpResponse<String> health = get(http, appUrl + "/actuator/health/signalr");
			assertThat(health.statusCode()).isEqualTo(200);
			Map<String, Object> signalrHealth = JsonMapper.shared().readValue(health.body(), Map.class);
			assertThat(signalrHealth).containsEntry("status", "UP");
			Map<String, Object> components = (Map<String, Object>) signalrHealth.get("components");
			assertThat(components).containsOnlyKeys("east-primary", "west-secondary");
			assertThat((Map<String, Object>) ((Map<String, Object>) components.get("east-primary")).get("details"))
				.containsEntry("keyId", AccessKey.of(this.east.accessKey(KeyType.SECONDARY)).id())
				.containsKeys("keySince", "keyAge");

			List<String> keys = List.of(this.east.accessKey(KeyType.PRIMARY), this.east.accessKey(KeyType.SECONDARY),
					this.west.accessKey(KeyType.PRIMARY), this.west.accessKey(KeyType.SECONDARY));
			LogScan.assertNoSecrets(signalr.body(), keys);
			LogScan.assertNoSecrets(health.body(), keys);
			LogScan.assertNoSecrets(output.getAll(), keys);
		}

	}

	/**
	 * Connection strings in the environment, under the starter's keys and another, shown by env and configprops.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ConnectionStringProperties.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always",
					"management.endpoint.configprops.show-values=always" })
	@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" })
	@DirtiesContext
	class MaskedProperties {

		@Autowired
		@Qualifier("east")
		private SignalREmulator east;

		@Autowired
		@Qualifier("west")
		private SignalREmulator west;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		@SuppressWarnings("unchecked")
		void envAndConfigpropsMaskConnectionStringsEvenWhenShowingValues() throws Exception {
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);
			List<String> keys = List.of(this.east.accessKey(KeyType.PRIMARY), this.east.accessKey(KeyType.SECONDARY),
					this.west.accessKey(KeyType.SECONDARY));

			HttpResponse<String> env = get(http, appUrl + "/actuator/env");
			assertThat(env.statusCode()).isEqualTo(200);
			LogScan.assertNoSecrets(env.body(), keys);
			// Values are shown (show-values=always), but not these.
			assertThat(env.body()).contains("\"management.endpoint.env.show-values\":{\"value\":\"always\"");
			for (String property : List.of("azure.signalr.connection-string.east", "azure.signalr.endpoints.west.secondary",
					"app.copy-under-another-name")) {
				HttpResponse<String> one = get(http, appUrl + "/actuator/env/" + property);
				assertThat(one.statusCode()).isEqualTo(200);
				Map<String, Object> body = JsonMapper.shared().readValue(one.body(), Map.class);
				assertThat((Map<String, Object>) body.get("property")).as(property).containsEntry("value", "******");
				LogScan.assertNoSecrets(one.body(), keys);
			}
			HttpResponse<String> configprops = get(http, appUrl + "/actuator/configprops");
			assertThat(configprops.statusCode()).isEqualTo(200);
			LogScan.assertNoSecrets(configprops.body(), keys);
		}

	}

	/**
	 * West stops before the first health check.
	 */
	@Nested
	@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off",
					"azure.signalr.health-check.interval=3s",
					"management.endpoints.web.exposure.include=health,metrics",
					"management.endpoint.health.show-details=always" })
	@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" }, key = KeyType.SECONDARY)
	@DirtiesContext
	class StoppedEndpoint {

		@Autowired
		@Qualifier("east")
		private SignalREmulator east;

		@Autowired
		@Qualifier("west")
		private SignalREmulator west;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		@SuppressWarnings("unchecked")
		void anEndpointThatStopsAnsweringIsDownInHealthAndInTheOnlineGauge() throws Exception {
			// Stopped before the first health check (one interval after start-up): a probe connection kept alive from an
			// earlier check could outlive the emulator's server socket.
			this.west.close();
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> get(http, appUrl + "/actuator/health/signalr/west-secondary").statusCode() == 503);
			Map<String, Object> west = JsonMapper.shared()
				.readValue(get(http, appUrl + "/actuator/health/signalr/west-secondary").body(), Map.class);
			assertThat(west).containsEntry("status", "DOWN");
			assertThat((Map<String, Object>) west.get("details")).containsEntry("online", false);
			HttpResponse<String> east = get(http, appUrl + "/actuator/health/signalr/east-primary");
			assertThat(east.statusCode()).isEqualTo(200);
			assertThat(JsonMapper.shared().readValue(east.body(), Map.class)).containsEntry("status", "UP");
			// The group is down when any endpoint is: Spring Boot's default aggregation (the README says how to change it).
			assertThat(get(http, appUrl + "/actuator/health/signalr").statusCode()).isEqualTo(503);
			assertThat(measurement(http, appUrl, "signalr.endpoint.online", "VALUE", "endpoint:west-secondary")).isZero();
			assertThat(measurement(http, appUrl, "signalr.endpoint.online", "VALUE", "endpoint:east-primary"))
				.isEqualTo(1.0);
		}

	}

	/**
	 * The application holds each endpoint's secondary key, and follows a regeneration only when told.
	 */
	@Nested
	@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=metrics",
					"azure.signalr.reload.enabled=false" })
	@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" }, key = KeyType.SECONDARY)
	@DirtiesContext
	class Meters {

		@Autowired
		@Qualifier("east")
		private SignalREmulator east;

		@Autowired
		@Qualifier("west")
		private SignalREmulator west;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		void metersCountNegotiationsTokensAndRestCallsPerEndpoint(CapturedOutput output) throws Exception {
			HttpClient http = HttpClient.newHttpClient();
			String appUrl = ChatApplication.url(this.app);

			// Clients negotiate with the primary (the secondary only takes clients when no primary is online).
			assertThat(ChatApplication.negotiate(http, appUrl, "chat")).containsEntry("status", 200);
			assertThat(ChatApplication.negotiate(http, appUrl, "chat")).containsEntry("status", 200);
			// A broadcast goes to both endpoints: one REST call, and one REST token, each.
			SignalRTemplate template = this.app.getBean(SignalRTemplate.class);
			assertThat(template.sendToAll("chat", "message", "hello").succeeded()).isTrue();
			// The west service regenerates the key the application uses: its next call is refused.
			this.west.regenerateKey(KeyType.SECONDARY);
			SignalRResult partly = template.sendToAll("chat", "message", "again");
			assertThat(partly.failures()).hasSize(1);

			assertThat(count(http, appUrl, "signalr.negotiations", "endpoint:east-primary", "outcome:success"))
				.isEqualTo(2);
			assertThat(count(http, appUrl, "signalr.tokens.issued", "endpoint:east-primary", "kind:client")).isEqualTo(2);
			assertThat(count(http, appUrl, "signalr.tokens.issued", "endpoint:west-secondary", "kind:client")).isZero();
			assertThat(count(http, appUrl, "signalr.tokens.issued", "endpoint:east-primary", "kind:rest")).isEqualTo(2);
			assertThat(count(http, appUrl, "signalr.tokens.issued", "endpoint:west-secondary", "kind:rest")).isEqualTo(2);
			assertThat(count(http, appUrl, "signalr.rest.calls", "endpoint:east-primary", "outcome:success")).isEqualTo(2);
			assertThat(count(http, appUrl, "signalr.rest.calls", "endpoint:west-secondary", "outcome:success"))
				.isEqualTo(1);
			assertThat(count(http, appUrl, "signalr.rest.calls", "endpoint:west-secondary", "outcome:unauthorized"))
				.isEqualTo(1);
			assertThat(measurement(http, appUrl, "signalr.endpoint.online", "VALUE", "endpoint:west-secondary"))
				.isEqualTo(1.0);

			List<String> keys = List.of(this.east.accessKey(KeyType.PRIMARY), this.east.accessKey(KeyType.SECONDARY),
					this.west.accessKey(KeyType.PRIMARY), this.west.accessKey(KeyType.SECONDARY));
			LogScan.assertNoSecrets(output.getAll(), keys);
		}

	}

	private static double count(HttpClient http, String appUrl, String meter, String... tags) throws Exception {
		return measurement(http, appUrl, meter, "COUNT", tags);
	}

	@SuppressWarnings("unchecked")
	private static double measurement(HttpClient http, String appUrl, String meter, String statistic, String... tags)
			throws Exception {
		StringBuilder url = new StringBuilder(appUrl + "/actuator/metrics/" + meter + "?");
		for (String tag : tags) {
			url.append("tag=").append(tag).append('&');
		}
		HttpResponse<String> response = get(http, url.toString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> body = JsonMapper.shared().readValue(response.body(), Map.class);
		return ((List<Map<String, Object>>) body.get("measurements")).stream()
			.filter((measurement) -> statistic.equals(measurement.get("statistic")))
			.mapToDouble((measurement) -> ((Number) measurement.get("value")).doubleValue())
			.findFirst()
			.orElseThrow();
	}

	private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The connection strings of the emulators as properties too, which the application does not use (the test
	 * support's connection details give its endpoints) but env and configprops show.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ConnectionStringProperties {

		@Bean
		DynamicPropertyRegistrar connectionStrings(@Qualifier("east") SignalREmulator east,
				@Qualifier("west") SignalREmulator west) {
			return (registry) -> {
				registry.add("azure.signalr.connection-string.east", east::primaryConnectionString);
				registry.add("azure.signalr.endpoints.west.secondary", west::secondaryConnectionString);
				registry.add("app.copy-under-another-name", east::secondaryConnectionString);
			};
		}

	}

}

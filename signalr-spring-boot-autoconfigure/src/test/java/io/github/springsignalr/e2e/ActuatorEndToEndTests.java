package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.token.AccessKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and the {@code signalr} actuator endpoint of a real application over HTTP, two emulated services behind
 * it: what an operator reads, and no secret in it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ActuatorEndToEndTests {

	private SignalREmulator east;

	private SignalREmulator west;

	private ConfigurableApplicationContext app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.east.close();
		this.west.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthAndTheSignalrEndpointDescribeEndpointsByKeyIdOnly(CapturedOutput output) throws Exception {
		this.east = SignalREmulator.builder().port(0).build().start();
		this.west = SignalREmulator.builder().port(0).build().start();
		this.app = ChatApplication.start("azure.signalr.connection-string.east=" + this.east.primaryConnectionString(),
				"azure.signalr.connection-string.west.secondary=" + this.west.secondaryConnectionString(),
				"management.endpoints.web.exposure.include=health,signalr",
				"management.endpoint.health.show-details=always");
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
		assertThat(eastKey).containsEntry("id", AccessKey.of(this.east.accessKey(KeyType.PRIMARY)).id())
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
			.containsEntry("keyId", AccessKey.of(this.east.accessKey(KeyType.PRIMARY)).id())
			.containsKeys("keySince", "keyAge");

		List<String> keys = List.of(this.east.accessKey(KeyType.PRIMARY), this.east.accessKey(KeyType.SECONDARY),
				this.west.accessKey(KeyType.PRIMARY), this.west.accessKey(KeyType.SECONDARY));
		LogScan.assertNoSecrets(signalr.body(), keys);
		LogScan.assertNoSecrets(health.body(), keys);
		LogScan.assertNoSecrets(output.getAll(), keys);
	}

	private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}

package io.github.springsignalr.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where an {@code AuthType=azure*} endpoint may send its Microsoft Entra token: https to the service's hosts, or a
 * host of {@code azure.signalr.entra.allowed-hosts}. Anything else fails start-up naming the property, and a reload
 * to it is refused with the endpoint kept.
 */
@ExtendWith(OutputCaptureExtension.class)
class EntraHostStartUpTests {

	private static final String SECRET = "Zq8~entra-host-test-client-secret-42";

	private static final String APP = "AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=" + SECRET
			+ ";Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class));

	@Test
	void foreignEndpointFailsStartUpNamingThePropertyAndTheRule() {
		this.runner.withPropertyValues("azure.signalr.connection-string=Endpoint=https://evil.example.com;" + APP)
			.run((context) -> {
				FailureAnalysis analysis = SignalRAutoConfigurationTests.analyze(context);
				assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string'")
					.contains("Endpoint host evil.example.com is not a host of Azure SignalR Service")
					.contains("*.service.signalr.net")
					.contains("azure.signalr.entra.allowed-hosts")
					.doesNotContain(SECRET);
				assertThat(analysis.getAction()).contains("AuthType=azure.app").doesNotContain(SECRET);
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"Endpoint=https://east.service.signalr.net;ServerEndpoint=https://evil.example.com|ServerEndpoint host evil.example.com",
			"Endpoint=http://east.service.signalr.net|Endpoint uses http",
			"Endpoint=https://east.service.signalr.net;ServerEndpoint=http://east.service.signalr.net|ServerEndpoint uses http",
			"Endpoint=https://service.signalr.net|Endpoint host service.signalr.net",
			"Endpoint=https://service.signalr.net.evil.example.com|Endpoint host service.signalr.net.evil.example.com",
			"Endpoint=https://localhost;Port=8443|Endpoint host localhost",
			"Endpoint=http://127.0.0.1;Port=8888|Endpoint uses http" })
	void elsewhereFailsStartUp(String endpoint, String problem) {
		this.runner.withPropertyValues("azure.signalr.endpoints.east.primary=" + endpoint + ";" + APP)
			.run((context) -> assertThat(SignalRAutoConfigurationTests.analyze(context).getDescription())
				.contains("'azure.signalr.endpoints.east.primary'")
				.contains(problem));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Endpoint=https://x.service.signalr.net", "Endpoint=https://X.Service.SignalR.net",
			"Endpoint=https://x.signalr.azure.cn", "Endpoint=https://x.signalr.azure.us",
			"Endpoint=https://x.service.signalr.net;ServerEndpoint=https://y.service.signalr.net",
			// Clients get a client token there, never the Entra token.
			"Endpoint=https://x.service.signalr.net;ClientEndpoint=https://chat.example.com" })
	void serviceHostsStart(String endpoint) {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + endpoint + ";" + APP)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void accessKeyEndpointsAreNotConcerned() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=Endpoint=http://localhost;Port=8888;AccessKey="
					+ TestKeys.KEY + ";Version=1.0;")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "Endpoint=https://localhost;Port=8443|localhost",
			"Endpoint=http://localhost;Port=8888|localhost", "Endpoint=http://127.0.0.1;Port=8888|127.0.0.1",
			"Endpoint=https://signalr.internal.example|*.internal.example",
			"Endpoint=https://x.service.signalr.net;ServerEndpoint=https://gateway.internal.example|"
					+ "other.example, *.internal.example" })
	void allowedHostsLetMoreThrough(String endpoint, String allowed) {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + endpoint + ";" + APP,
					"azure.signalr.entra.allowed-hosts=" + allowed)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "Endpoint=https://internal.example|*.internal.example|host internal.example",
			"Endpoint=http://signalr.internal.example|*.internal.example|Endpoint uses http",
			"Endpoint=https://localhost.evil.example.com|localhost|host localhost.evil.example.com" })
	void allowedHostsLetNothingElseThrough(String endpoint, String allowed, String problem) {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + endpoint + ";" + APP,
					"azure.signalr.entra.allowed-hosts=" + allowed)
			.run((context) -> assertThat(SignalRAutoConfigurationTests.analyze(context).getDescription())
				.contains(problem));
	}

	@Test
	void reloadToAForeignHostIsRefusedAndTheEndpointKept(CapturedOutput output) {
		Map<String, Object> values = new HashMap<>();
		values.put("azure.signalr.connection-string.east",
				"Endpoint=https://east.service.signalr.net;AccessKey=" + TestKeys.KEY + ";Version=1.0;");
		this.runner.withConfiguration(AutoConfigurations.of(SignalRRotationAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("refreshing", values)))
			.withPropertyValues("azure.signalr.reload.interval=100ms")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				EndpointId east = new EndpointId("east", EndpointType.PRIMARY);
				ServiceEndpoint good = registry.find(east).orElseThrow();
				values.put("azure.signalr.connection-string.east", "Endpoint=https://evil.example.com;" + APP);
				await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("Refused the new value"));
				assertThat(output.getAll()).contains("Endpoint host evil.example.com is not a host of Azure SignalR");
				assertThat(registry.find(east)).contains(good);
			});
		assertThat(output.getAll()).doesNotContain(SECRET);
		assertThat(TestKeys.leaks(output.getAll())).isFalse();
	}

}

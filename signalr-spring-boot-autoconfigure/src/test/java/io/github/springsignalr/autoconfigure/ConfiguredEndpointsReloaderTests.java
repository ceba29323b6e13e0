package io.github.springsignalr.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A property source whose values change at run time, as Spring Cloud Azure's Key Vault property source refreshes:
 * the registry follows a changed connection string, and refuses one that does not parse.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfiguredEndpointsReloaderTests {

	private static final String OTHER_KEY = "b3RoZXItdGVzdC1vbmx5LWtleS1ub3QtYS1zZWNyZXQ=";

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private final Map<String, Object> values = new HashMap<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRotationAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("refreshing", this.values)))
		.withPropertyValues("azure.signalr.reload.interval=100ms");

	@Test
	void followsAChangedConnectionStringAndRefusesAnInvalidOne(CapturedOutput output) {
		this.values.put("azure.signalr.connection-string.east",
				"Endpoint=https://east.service.signalr.net;AccessKey=" + TestKeys.KEY + ";Version=1.0;");
		this.contextRunner.run((context) -> {
			ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
			this.values.put("azure.signalr.connection-string.east",
					"Endpoint=https://east.service.signalr.net;AccessKey=" + OTHER_KEY + ";Version=1.0;");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> registry.find(EAST).orElseThrow().accessKey().id(),
						(id) -> id.equals(AccessKey.of(OTHER_KEY).id()));
			ServiceEndpoint good = registry.find(EAST).orElseThrow();
			this.values.put("azure.signalr.connection-string.east",
					"Endpoint=https://east.service.signalr.net;AccessKey=" + TestKeys.KEY + ";Version=2.0;");
			await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("Refused the new value"));
			assertThat(registry.find(EAST)).contains(good);
		});
		assertThat(TestKeys.leaks(output.getAll())).isFalse();
		assertThat(output.getAll()).doesNotContain(OTHER_KEY);
	}

}

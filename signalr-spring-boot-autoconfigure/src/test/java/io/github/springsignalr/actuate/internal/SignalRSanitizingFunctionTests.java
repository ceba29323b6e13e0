package io.github.springsignalr.actuate.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRSanitizingFunction}: the keys of every form a connection string is configured in, the local
 * emulator's property source, and values holding a secret under any key.
 */
class SignalRSanitizingFunctionTests {

	private static final PropertySource<?> SOURCE = new MapPropertySource("test", Map.of());

	private final SignalRSanitizingFunction function = new SignalRSanitizingFunction();

	@ParameterizedTest
	@ValueSource(strings = { "azure.signalr.connection-string", "azure.signalr.connection-string.east",
			"azure.signalr.connection-string.west.secondary", "azure.signalr.connectionString",
			"azure.signalr.endpoints.east.primary", "AZURE_SIGNALR_CONNECTIONSTRING",
			"AZURE_SIGNALR_CONNECTIONSTRING_EAST_SECONDARY", "AZURE_SIGNALR_ENDPOINTS_EAST",
			"Azure__SignalR__ConnectionString", "Azure__SignalR__ConnectionString__east__primary",
			"Azure__SignalR__Endpoints__west" })
	void masksEveryFormOfTheConnectionStringProperties(String key) {
		assertThat(sanitized(SOURCE, key, "plain")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void masksAllTheLocalEmulatorContributes() {
		PropertySource<?> emulator = new MapPropertySource(SignalRSanitizingFunction.LOCAL_EMULATOR_PROPERTY_SOURCE,
				Map.of());
		assertThat(sanitized(emulator, "spring.cloud.azure.keyvault.secret.endpoint", "https://127.0.0.1:1/"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void masksAValueHoldingASecretUnderAnyKey() {
		assertThat(sanitized(SOURCE, "app.copy", "Endpoint=https://h;AccessKey=short;Version=1.0;"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitized(SOURCE, "app.copy", "Endpoint=https://h;AuthType=azure.app;ClientSecret = x;"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void leavesOtherPropertiesAlone() {
		assertThat(sanitized(SOURCE, "azure.signalr.negotiate.path", "/negotiate")).isEqualTo("/negotiate");
		assertThat(sanitized(SOURCE, "azure.signalr.token.lifetime", "1h")).isEqualTo("1h");
		assertThat(sanitized(SOURCE, "server.port", 8080)).isEqualTo(8080);
	}

	private Object sanitized(PropertySource<?> source, String key, Object value) {
		return this.function.apply(new SanitizableData(source, key, value)).getValue();
	}

}

package io.github.springsignalr.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.springsignalr.autoconfigure.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code azure.signalr.access-token-max-lifetime} caps every token, and "safe to regenerate" follows the longest
 * lifetime actually issued rather than the configured default: a customizer that asked for three hours keeps the old
 * key in use for three hours after a switch.
 */
class TokenLifetimeCapTests {

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRotationAutoConfiguration.class))
		.withInitializer(SignalRAutoConfigurationTests.environmentVariables(Map.of()))
		.withPropertyValues("azure.signalr.connection-string.east=Endpoint=https://east.service.signalr.net;AccessKey="
				+ KEY + ";Version=1.0;", "azure.signalr.reload.enabled=false");

	@Test
	void theMaximumLifetimeIsAPropertyOf24HoursByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(SignalRTokenService.class).getMaxLifetime())
			.isEqualTo(Duration.ofHours(24)));
		this.runner.withPropertyValues("azure.signalr.access-token-max-lifetime=2h")
			.run((context) -> assertThat(context.getBean(SignalRTokenService.class).getMaxLifetime())
				.isEqualTo(Duration.ofHours(2)));
	}

	@Test
	void safeToRegenerateFollowsTheLongestLifetimeIssued() {
		this.runner.withPropertyValues("azure.signalr.access-token-max-lifetime=5h").run((context) -> {
			SignalRTokenService tokens = context.getBean(SignalRTokenService.class);
			ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
			KeyRotationStatus status = context.getBean(KeyRotationStatus.class);
			tokens.clientToken(registry.find(EAST).orElseThrow(),
					ClientTokenRequest.builder("chat").lifetime(Duration.ofHours(3)).build());
			String other = KEY.substring(0, 40) + "abc=";
			Instant switched = registry.update(EAST, (endpoint) -> endpoint.withAccessKey(AccessKey.of(other)))
				.orElseThrow()
				.timestamp();
			EndpointKeyStatus east = status.get(EAST).orElseThrow();
			assertThat(east.previousKeySafeToRegenerateAt()).isEqualTo(switched.plus(Duration.ofHours(3)));
		});
	}

}

package io.github.springsignalr.autoconfigure.negotiate;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRNegotiateAutoConfiguration}. The endpoint's behaviour over HTTP is tested end to end with
 * the emulator and the official client.
 */
class SignalRNegotiateAutoConfigurationTests {

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey="
			+ "bmVnb3RpYXRlLWF1dG8tY29uZmlndXJhdGlvbi10ZXN0czA=;Version=1.0;";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRNegotiateAutoConfiguration.class));

	@Test
	void servesNegotiateInAServletApplicationWithAnEndpoint() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.run((context) -> assertThat(context).hasBean("signalRNegotiateRoute")
				.hasSingleBean(NegotiateUserIdResolver.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
					"azure.signalr.negotiate.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void needsAnEndpoint() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void needsAServletApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRNegotiateAutoConfiguration.class))
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void backsOffToUserUserIdResolver() {
		NegotiateUserIdResolver resolver = (request) -> "from-header";
		this.runner.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.withBean(NegotiateUserIdResolver.class, () -> resolver)
			.run((context) -> assertThat(context.getBean(NegotiateUserIdResolver.class)).isSameAs(resolver));
	}

}

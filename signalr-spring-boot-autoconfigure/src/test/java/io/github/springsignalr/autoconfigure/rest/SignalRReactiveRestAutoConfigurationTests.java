package io.github.springsignalr.autoconfigure.rest;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.SignalRTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRReactiveRestAutoConfiguration}. {@link ReactiveSignalRTemplate}'s calls are tested against
 * the emulator in {@code ReactiveSignalRTemplateTests} and end to end in {@code signalr-spring-boot-webflux-tests}.
 */
class SignalRReactiveRestAutoConfigurationTests {

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey="
			+ "cmVhY3RpdmUtcmVzdC1hdXRvLWNvbmZpZ3VyYXRpb24wMDA=;Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRestAutoConfiguration.class,
				SignalRReactiveRestAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
				"azure.signalr.health-check.enabled=false");

	@Test
	void isConfiguredInAnyApplicationWithWebClientBesideSignalRTemplate() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ReactiveSignalRTemplate.class)
			.hasSingleBean(SignalRTemplate.class));
	}

	@Test
	void needsWebClient() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSignalRTemplate.class)
				.hasSingleBean(SignalRTemplate.class));
	}

	@Test
	void needsAnEndpoint() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRReactiveRestAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSignalRTemplate.class));
	}

	@Test
	void appliesTheCustomizersToItsOwnWebClient() {
		this.runner.withBean(SignalRWebClientCustomizer.class,
				() -> (builder) -> builder.defaultHeader("X-Test", "customized"))
			.run((context) -> assertThat(context).hasSingleBean(ReactiveSignalRTemplate.class)
				.doesNotHaveBean(WebClient.Builder.class));
	}

	@Test
	void aBadTimeoutOrRetryFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("azure.signalr.rest.read-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("azure.signalr.rest.read-timeout"));
		this.runner.withPropertyValues("azure.signalr.rest.retry.max-retries=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("azure.signalr.rest.retry.max-retries"));
	}

	@Test
	void backsOffToTheApplicationsTemplate() {
		this.runner.withBean("myTemplate", ReactiveSignalRTemplate.class, () -> null, (definition) -> {
		}).run((context) -> assertThat(context).hasBean("myTemplate").doesNotHaveBean("reactiveSignalRTemplate"));
	}

}

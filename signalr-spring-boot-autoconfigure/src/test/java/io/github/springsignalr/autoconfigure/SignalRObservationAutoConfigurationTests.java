package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.autoconfigure.rest.SignalRRestAutoConfiguration;
import io.github.springsignalr.rest.DefaultSignalRRestObservationConvention;
import io.github.springsignalr.rest.SignalRRestException;
import io.github.springsignalr.rest.SignalRRestObservationConvention;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.DefaultSignalRNegotiationObservationConvention;
import io.github.springsignalr.token.SignalRNegotiationObservationConvention;
import io.github.springsignalr.token.SignalRNegotiator;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured negotiator and template report observations to the application's {@link ObservationRegistry}
 * with the default conventions or the application's, and to none without a registry.
 */
class SignalRObservationAutoConfigurationTests {

	// Port 1 on the loopback: refused at once, so a REST call ends as io_error without waiting.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRestAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=Endpoint=http://127.0.0.1;Port=1;AccessKey=" + TestKeys.KEY
				+ ";Version=1.0;", "azure.signalr.health-check.enabled=false", "azure.signalr.rest.retry.enabled=false");

	@Test
	void negotiationsAndRestCallsAreObservedWithTheApplicationsRegistry() {
		this.runner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "u1"));
			// Refused on the only endpoint: the call fails, and is observed as such.
			assertThatExceptionOfType(SignalRRestException.class)
				.isThrownBy(() -> context.getBean(SignalRTemplate.class).sendToAll("chat", "m", "x"));
			TestObservationRegistryAssert.assertThat(observations)
				.hasObservationWithNameEqualTo(DefaultSignalRNegotiationObservationConvention.NAME)
				.that()
				.hasLowCardinalityKeyValue("outcome", "success");
			TestObservationRegistryAssert.assertThat(observations)
				.hasObservationWithNameEqualTo(DefaultSignalRRestObservationConvention.NAME)
				.that()
				.hasLowCardinalityKeyValue("operation", "send_to_all")
				.hasLowCardinalityKeyValue("outcome", "io_error")
				.hasLowCardinalityKeyValue("status", "none");
		});
	}

	@Test
	void theApplicationsConventionsReplaceTheDefaults() {
		this.runner.withUserConfiguration(RegistryConfiguration.class, ConventionConfiguration.class).run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "u1"));
			// Refused on the only endpoint: the call fails, and is observed as such.
			assertThatExceptionOfType(SignalRRestException.class)
				.isThrownBy(() -> context.getBean(SignalRTemplate.class).sendToAll("chat", "m", "x"));
			TestObservationRegistryAssert.assertThat(observations)
				.hasNumberOfObservationsWithNameEqualTo(DefaultSignalRNegotiationObservationConvention.NAME, 0)
				.hasNumberOfObservationsWithNameEqualTo(DefaultSignalRRestObservationConvention.NAME, 0)
				.hasNumberOfObservationsEqualTo(2);
			TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("custom.negotiate");
			TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("custom.rest");
		});
	}

	@Test
	void withoutARegistryEverythingWorks() {
		this.runner.run((context) -> assertThat(
				context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "u1")).url())
			.startsWith("http://127.0.0.1:1/client/?hub=chat"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		SignalRNegotiationObservationConvention negotiationConvention() {
			return new DefaultSignalRNegotiationObservationConvention() {

				@Override
				public String getName() {
					return "custom.negotiate";
				}

			};
		}

		@Bean
		SignalRRestObservationConvention restConvention() {
			return new DefaultSignalRRestObservationConvention() {

				@Override
				public String getName() {
					return "custom.rest";
				}

			};
		}

	}

}

package io.github.springsignalr.autoconfigure;

import java.util.Map;

import io.github.springsignalr.endpoint.ConnectionStringResolutionException;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ResolvedConnectionString;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.springsignalr.autoconfigure.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start-up failure whose cause's message comes from code that does not promise to keep keys out (here a user's
 * {@link ConnectionStringResolver} quoting what it fetched) is explained without the key: the analysis is redacted.
 */
class RedactedFailureAnalysisTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class))
		.withInitializer(SignalRAutoConfigurationTests.environmentVariables(Map.of()))
		.withUserConfiguration(CarelessResolverConfiguration.class)
		.withPropertyValues("azure.signalr.connection-string.east=vault:east");

	@Test
	void theAnalysisOfAResolverFailureShowsNoKey() {
		this.runner.run((context) -> {
			FailureAnalysis analysis = SignalRAutoConfigurationTests.analyze(context);
			assertThat(TestKeys.leaks(analysis.getDescription())).as("the description shows the key").isFalse();
			assertThat(TestKeys.leaks(analysis.getAction())).as("the action shows the key").isFalse();
			assertThat(analysis.getDescription()).contains("azure.signalr.connection-string.east")
				.contains("the vault answered AccessKey=<redacted>; and <redacted>");
		});
	}

	@Test
	void theUnredactedCauseWouldHaveShownIt() {
		// The check can fail: the resolver's own message holds the key.
		assertThat(TestKeys.leaks(new CarelessResolver().message())).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class CarelessResolverConfiguration {

		@Bean
		ConnectionStringResolver carelessResolver() {
			return new CarelessResolver();
		}

	}

	static class CarelessResolver implements ConnectionStringResolver {

		@Override
		public boolean canResolve(String value) {
			return value.startsWith("vault:");
		}

		@Override
		public ResolvedConnectionString resolve(EndpointId endpoint, String value) {
			throw new ConnectionStringResolutionException(message(), null, null);
		}

		String message() {
			return "the vault answered AccessKey=" + KEY + "; and " + KEY;
		}

	}

}

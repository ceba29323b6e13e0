package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.endpoint.ConnectionStringResolutionException;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.springsignalr.autoconfigure.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start-up that fails on a bad connection string: what Spring Boot prints (the failure analysis,
 * through the analyzer registered in {@code spring.factories}) names the property and the problem, and no log line
 * shows the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	@Test
	void badConnectionStringEndsStartupWithAnAnalysisAndNoKey(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyApplication.class)
			.web(WebApplicationType.NONE)
			.properties("azure.signalr.connection-string.east=Endpoint=east.service.signalr.net;AccessKey=" + KEY
					+ ";Version=1.0;", "logging.level.root=DEBUG");
		assertThatException().isThrownBy(application::run);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("The Azure SignalR endpoint property 'azure.signalr.connection-string.east' is invalid.")
			.contains("Endpoint")
			.contains("azure.signalr.connection-string.east=Endpoint=https://<resource>.service.signalr.net");
		assertThat(TestKeys.leaks(output.getAll())).as("the start-up output shows the key").isFalse();
	}

	@Test
	void aResolverFailureQuotingTheKeyReachesNoLogLineEvenAtDebug(CapturedOutput output) {
		// Spring Boot's DEBUG report prints the whole chain of causes: the resolver's own exception must not be in it.
		SpringApplicationBuilder application = new SpringApplicationBuilder(CarelessResolverApplication.class)
			.web(WebApplicationType.NONE)
			.properties("azure.signalr.connection-string.east=vault:east", "logging.level.root=DEBUG");
		assertThatException().isThrownBy(application::run);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("Application failed to start due to an exception")
			.contains(ConnectionStringResolutionException.class.getName() + ": the vault answered AccessKey=<redacted>");
		assertThat(TestKeys.leaks(output.getAll())).as("the start-up output shows the key").isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SignalRAutoConfiguration.class)
	static class EmptyApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SignalRAutoConfiguration.class)
	static class CarelessResolverApplication {

		@Bean
		ConnectionStringResolver carelessResolver() {
			return new RedactedFailureAnalysisTests.CarelessResolver();
		}

	}

}

package io.github.springsignalr.autoconfigure.server;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsignalr.actuate.internal.SignalREndpointsHealthContributor;
import io.github.springsignalr.actuate.internal.SignalRMeters;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.actuate.SignalRHealthContributorAutoConfiguration;
import io.github.springsignalr.autoconfigure.actuate.SignalRMetricsAutoConfiguration;
import io.github.springsignalr.endpoint.NoAvailableEndpointException;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRNegotiator;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link SignalRDefaultModeAutoConfiguration}: off unless {@code azure.signalr.mode=default}, so that a serverless
 * application keeps working unchanged; then the server with the hubs of the annotated methods.
 */
class SignalRDefaultModeAutoConfigurationTests {

	// Port 1 of the loopback: nothing answers, so the server connections fail and retry without a remote call.
	private static final String CONNECTION_STRING = "Endpoint=http://127.0.0.1;Port=1;AccessKey="
			+ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq=;Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRDefaultModeAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING);

	@Test
	void serverlessIsTheDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DefaultModeServer.class));
	}

	@Test
	void serverlessExplicitlyHasNoServerConnections() {
		this.runner.withPropertyValues("azure.signalr.mode=serverless")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DefaultModeServer.class));
	}

	@Test
	void defaultModeServesTheHubsOfTheAnnotatedMethodsAndThoseConfigured() {
		this.runner.withUserConfiguration(Hubs.class)
			.withPropertyValues("azure.signalr.mode=default", "azure.signalr.server.hubs=Extra")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DefaultModeServer.class);
				assertThat(context.getBean(DefaultModeServer.class).hubs()).containsExactlyInAnyOrder("chat", "extra");
				assertThat(context).hasSingleBean(UpstreamEventDispatcher.class);
			});
	}

	@Test
	void aUserServerBacksTheAutoConfigurationOff() {
		this.runner.withUserConfiguration(Hubs.class, OwnServer.class)
			.withPropertyValues("azure.signalr.mode=default")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(DefaultModeServer.class)
				.isSameAs(context.getBean(OwnServer.class).server));
	}

	@Test
	void aConnectionCountBelowOneFailsNamingTheProperty() {
		this.runner.withPropertyValues("azure.signalr.mode=default", "azure.signalr.server.connection-count=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("azure.signalr.server.connection-count"));
	}

	@Test
	void anUnknownModeFailsStartUp() {
		this.runner.withPropertyValues("azure.signalr.mode=persistent")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("azure.signalr.mode"));
	}

	@Test
	void withoutTheServiceProtocolOnTheClassPathThereIsNoServer() {
		this.runner.withClassLoader(new FilteredClassLoader(ServiceMessageEncoder.class))
			.withPropertyValues("azure.signalr.mode=default")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DefaultModeServer.class));
	}

	@Test
	void withoutALiveServerConnectionAServedHubIsRefusedNegotiationHealthIsDownAndTheMetersCountTheFailures() {
		this.runner.withUserConfiguration(Hubs.class)
			.withConfiguration(AutoConfigurations.of(SignalRHealthContributorAutoConfiguration.class,
					SignalRMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("azure.signalr.mode=default")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> failures(meters) >= 1);
				assertThat(meters.get(SignalRMeters.SERVER_CONNECTIONS).tags("endpoint", "primary", "hub", "chat")
					.gauge()
					.value()).isZero();

				SignalRNegotiator negotiator = context.getBean(SignalRNegotiator.class);
				assertThatExceptionOfType(NoAvailableEndpointException.class)
					.isThrownBy(() -> negotiator.negotiate(ClientTokenRequest.of("Chat")))
					.withMessageContaining("default mode");
				assertThat(negotiator.negotiate(ClientTokenRequest.of("other")).url())
					.as("a hub without server connections is served over REST and upstream, as the registry says")
					.contains("hub=other");

				Health health = ((HealthIndicator) context.getBean(SignalREndpointsHealthContributor.class)
					.getContributor("primary")).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("serverConnections", Map.of("chat", 0))
					.containsEntry("reason", "no live server connection for hub chat");
			});
	}

	private static double failures(MeterRegistry meters) {
		Counter failures = meters.find(SignalRMeters.SERVER_CONNECTION_FAILURES)
			.tags("endpoint", "primary", "hub", "chat")
			.counter();
		return (failures != null) ? failures.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class Hubs {

		@Bean
		ChatHub chatHub() {
			return new ChatHub();
		}

	}

	static class ChatHub {

		@SignalRMessage(hub = "Chat")
		String echo(String text) {
			return text;
		}

		@SignalRMessage
		String everyHub(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnServer {

		final DefaultModeServer server = org.mockito.Mockito.mock(DefaultModeServer.class);

		@Bean
		DefaultModeServer ownDefaultModeServer() {
			return this.server;
		}

	}

}

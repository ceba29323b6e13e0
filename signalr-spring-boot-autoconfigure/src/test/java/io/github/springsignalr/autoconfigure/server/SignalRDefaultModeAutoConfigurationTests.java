package io.github.springsignalr.autoconfigure.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;

import static org.assertj.core.api.Assertions.assertThat;

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

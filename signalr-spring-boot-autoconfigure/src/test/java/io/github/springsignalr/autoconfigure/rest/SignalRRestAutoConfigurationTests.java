package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import io.github.springsignalr.endpoint.internal.EndpointHealthChecker;
import io.github.springsignalr.endpoint.internal.EndpointHealthProbe;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.rest.RestHealthProbe;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRNegotiator;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRRestAutoConfiguration} and the runtime beans of {@link SignalRAutoConfiguration}.
 */
@SignalREmulatorTest
class SignalRRestAutoConfigurationTests {

	// Loopback, on the discard port: the health check these tests start may probe it, and nothing is there.
	private static final String CONNECTION_STRING = "Endpoint=http://127.0.0.1:9;AccessKey="
			+ "cmVzdC1hdXRvLWNvbmZpZ3VyYXRpb24tdGVzdHMtb25seTA=;Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRestAutoConfiguration.class));

	@Test
	void withAnEndpointMakesEveryRuntimeBean() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING).run((context) -> {
			assertThat(context).hasSingleBean(ServiceEndpointRegistry.class)
				.hasSingleBean(SignalRTokenService.class)
				.hasSingleBean(EndpointRouter.class)
				.hasSingleBean(SignalRNegotiator.class)
				.hasSingleBean(SignalRTemplate.class)
				.hasSingleBean(EndpointHealthChecker.class)
				.hasSingleBean(EndpointHealthCheckSchedule.class);
			assertThat(context.getBean(EndpointHealthProbe.class)).isInstanceOf(RestHealthProbe.class);
			assertThat(context.getBean(EndpointHealthCheckSchedule.class).isRunning()).isTrue();
			assertThat(context.getBean(SignalRTokenService.class).getDefaultLifetime()).isEqualTo(Duration.ofHours(1));
		});
	}

	@Test
	void healthCheckDefaultsAreThoseOfTheManagementSdk() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.withBean(EndpointHealthProbe.class, () -> (endpoint) -> false)
			.run((context) -> {
			SignalRProperties.HealthCheck healthCheck = context.getBean(SignalRProperties.class).getHealthCheck();
			assertThat(healthCheck.getRetries()).isEqualTo(2);
			assertThat(healthCheck.getRetryInterval()).isEqualTo(Duration.ofSeconds(3));
			assertThat(healthCheck.getTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(healthCheck.isEnabledForSingleEndpoint()).isFalse();
			context.getBean(EndpointHealthChecker.class).checkAll();
			assertThat(context.getBean(ServiceEndpointRegistry.class).endpoints().get(0).online())
				.as("a sole endpoint stays online").isTrue();
		});
	}

	@Test
	void healthCheckOfASoleEndpointIsSwitchedOnByProperty() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
					"azure.signalr.health-check.enabled-for-single-endpoint=true", "azure.signalr.health-check.retries=0")
			.withBean(EndpointHealthProbe.class, () -> (endpoint) -> false)
			.run((context) -> {
			context.getBean(EndpointHealthChecker.class).checkAll();
			assertThat(context.getBean(ServiceEndpointRegistry.class).endpoints().get(0).online()).isFalse();
		});
	}

	@Test
	void withoutAnEndpointMakesNoMessagingBeans() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SignalRTemplate.class)
			.doesNotHaveBean(SignalRNegotiator.class)
			.doesNotHaveBean(EndpointHealthChecker.class));
	}

	@Test
	void theApplicationNamePrefixesClientHubsAndNamesTheApplicationInRestCalls(SignalREmulator emulator) throws Exception {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + emulator.primaryConnectionString(),
					"azure.signalr.application-name=Shop")
			.run((context) -> {
				SignalRTokenService tokens = context.getBean(SignalRTokenService.class);
				ServiceEndpoint endpoint = context.getBean(ServiceEndpointRegistry.class).snapshot().endpoints()
					.get(0);
				assertThat(tokens.clientUrl(endpoint, "Chat")).endsWith("/client/?hub=shop_chat");
				BlockingQueue<String> received = new LinkedBlockingQueue<>();
				HubConnection client = HubConnectionBuilder.create(tokens.clientUrl(endpoint, "chat"))
					.withAccessTokenProvider(
							Single.just(tokens.clientToken(endpoint, ClientTokenRequest.of("chat", "ann"))))
					.build();
				client.on("message", received::add, String.class);
				client.start().blockingAwait(15, TimeUnit.SECONDS);
				try {
					context.getBean(SignalRTemplate.class).sendToAll("chat", "message", "to the shop's chat");
					assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("to the shop's chat");
				}
				finally {
					client.stop().blockingAwait(10, TimeUnit.SECONDS);
				}
			});
	}

	@Test
	void anInvalidApplicationNameFailsStartUpNamingTheProperty() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
					"azure.signalr.application-name=1shop/x")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Invalid hub name"));
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
					"azure.signalr.application-name=1shop/x")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("'azure.signalr.application-name'"));
	}

	@Test
	void tokenLifetimeComesFromProperties() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
					"azure.signalr.access-token-lifetime=15m")
			.run((context) -> assertThat(context.getBean(SignalRTokenService.class).getDefaultLifetime())
				.isEqualTo(Duration.ofMinutes(15)));
	}

	@Test
	void healthChecksCanBeSwitchedOff() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING,
					"azure.signalr.health-check.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SignalRTemplate.class)
				.doesNotHaveBean(EndpointHealthChecker.class)
				.doesNotHaveBean(EndpointHealthCheckSchedule.class));
	}

	@Test
	void backsOffToUserBeans() {
		SignalRTokenService tokens = new SignalRTokenService();
		EndpointRouter router = (context, snapshot) -> snapshot.endpoints().get(0);
		EndpointHealthProbe probe = (endpoint) -> true;
		this.runner.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.withBean(SignalRTokenService.class, () -> tokens)
			.withBean(EndpointRouter.class, () -> router)
			.withBean(EndpointHealthProbe.class, () -> probe)
			.run((context) -> {
				assertThat(context.getBean(SignalRTokenService.class)).isSameAs(tokens);
				assertThat(context.getBean(EndpointRouter.class)).isSameAs(router);
				assertThat(context.getBean(EndpointHealthProbe.class)).isSameAs(probe);
			});
	}

	@Test
	void withoutRestClientOnTheClasspathMakesNoTemplate() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.withClassLoader(new FilteredClassLoader(RestClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SignalRNegotiator.class)
				.doesNotHaveBean(SignalRTemplate.class));
	}

}

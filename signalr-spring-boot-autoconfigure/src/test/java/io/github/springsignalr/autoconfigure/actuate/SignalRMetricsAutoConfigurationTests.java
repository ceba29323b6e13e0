package io.github.springsignalr.autoconfigure.actuate;

import java.util.List;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.internal.SignalRMeters;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.NoAvailableEndpointException;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRNegotiator;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SignalRMetricsAutoConfigurationTests {

	private static final String CONNECTION_STRING = "azure.signalr.connection-string="
			+ "Endpoint=https://a.service.signalr.net;AccessKey=dGVzdC1vbmx5LWtleS1ub3QtYS1yZWFsLXNlY3JldDA=;Version=1.0;";

	private static final EndpointId UNNAMED = new EndpointId("", EndpointType.PRIMARY);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRRotationAutoConfiguration.class, SignalRKeyRefreshStatusAutoConfiguration.class,
				SignalRMetricsAutoConfiguration.class))
		.withPropertyValues("azure.signalr.reload.enabled=false");

	@Test
	void metersWithARegistryAndAnEndpoint() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(SignalRMeters.class);
				MeterRegistry meterRegistry = context.getBean(MeterRegistry.class);
				assertThat(meterRegistry.get(SignalRMeters.ENDPOINT_ONLINE).tag("endpoint", "primary").gauge().value())
					.isEqualTo(1.0);
				// The listener reaches the token service and the negotiator the starter made.
				context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "alice"));
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				context.getBean(SignalRTokenService.class)
					.restToken(registry.find(UNNAMED).orElseThrow(), "https://a.service.signalr.net/api/hubs/chat");
				assertThat(count(context, SignalRMeters.TOKENS_ISSUED, "kind", "client")).isEqualTo(1);
				assertThat(count(context, SignalRMeters.TOKENS_ISSUED, "kind", "rest")).isEqualTo(1);
				assertThat(count(context, SignalRMeters.NEGOTIATIONS, "outcome", "success")).isEqualTo(1);
				// Endpoints taken offline show in the gauge: the listener bean follows registry events.
				registry.update(UNNAMED, (endpoint) -> endpoint.withOnline(false));
				assertThat(meterRegistry.get(SignalRMeters.ENDPOINT_ONLINE).tag("endpoint", "primary").gauge().value())
					.isZero();
			});
	}

	@Test
	void aNegotiationWithNoEndpointOnlineIsCountedUnderNone() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				context.getBean(ServiceEndpointRegistry.class)
					.update(UNNAMED, (endpoint) -> endpoint.withOnline(false));
				assertThatExceptionOfType(NoAvailableEndpointException.class).isThrownBy(
						() -> context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "bob")));
				assertThat(context.getBean(MeterRegistry.class)
					.get(SignalRMeters.NEGOTIATIONS)
					.tag("endpoint", "none")
					.tag("outcome", "no_endpoint")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void metersWithBootsOwnMeterRegistry() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(SignalRMeters.class);
				context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "alice"));
				assertThat(count(context, SignalRMeters.NEGOTIATIONS, "outcome", "success")).isEqualTo(1);
			});
	}

	@Test
	void switchedOffLikeAnyMeterWithBootsMetricsProperty() {
		this.runner.withPropertyValues(CONNECTION_STRING, "management.metrics.enable.signalr=false")
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "alice"));
				assertThat(context.getBean(MeterRegistry.class).find(SignalRMeters.NEGOTIATIONS).meters()).isEmpty();
			});
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.run((context) -> assertThat(context).doesNotHaveBean(SignalRMeters.class)
				.doesNotHaveBean(SignalRListener.class)
				.hasSingleBean(SignalRNegotiator.class));
	}

	@Test
	void theStarterWorksWithoutMicrometer() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SignalRMeters.class);
				assertThat(context.getBean(SignalRNegotiator.class).negotiate(ClientTokenRequest.of("chat", "alice"))
					.accessToken()).isNotEmpty();
			});
	}

	@Test
	void noMetersWithoutEndpoints() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SignalRMeters.class));
	}

	@Test
	void switchedOffWithTheStarter() {
		this.runner.withPropertyValues(CONNECTION_STRING, "azure.signalr.enabled=false")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(SignalRMeters.class));
	}

	@Test
	void backsOffToAUserBean() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("userMeters", SignalRMeters.class,
					() -> new SignalRMeters(new SimpleMeterRegistry(),
							new ServiceEndpointRegistry(List.of(), null), KeyRefreshStatusSource.NONE))
			.run((context) -> assertThat(context).hasSingleBean(SignalRMeters.class).hasBean("userMeters"));
	}

	private static double count(AssertableApplicationContext context, String name, String tag, String value) {
		return context.getBean(MeterRegistry.class)
			.get(name)
			.tag("endpoint", "primary")
			.tag(tag, value)
			.counter()
			.count();
	}

}

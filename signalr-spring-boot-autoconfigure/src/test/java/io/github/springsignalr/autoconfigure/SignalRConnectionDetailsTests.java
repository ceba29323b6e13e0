package io.github.springsignalr.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.springsignalr.autoconfigure.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link SignalRConnectionDetails} of {@link SignalRAutoConfiguration}: the properties-backed default,
 * its back-off to an application's own bean, and the registry and reloader built from that bean.
 */
class SignalRConnectionDetailsTests {

	private static final String EAST = "Endpoint=https://east.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;";

	private static final String WEST = "Endpoint=https://west.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRRotationAutoConfiguration.class));

	@Test
	void defaultConnectionDetailsAreThePropertiesEndpoints() {
		this.runner.withPropertyValues("azure.signalr.connection-string.east=" + EAST,
				"azure.signalr.connection-string.west.secondary=" + WEST)
			.run((context) -> {
				assertThat(context).hasSingleBean(SignalRConnectionDetails.class)
					.getBean(SignalRConnectionDetails.class)
					.isInstanceOf(PropertiesSignalRConnectionDetails.class);
				List<SignalRConnectionDetails.Endpoint> endpoints = context.getBean(SignalRConnectionDetails.class)
					.getEndpoints();
				assertThat(endpoints).containsExactlyInAnyOrder(
						new SignalRConnectionDetails.Endpoint("east", EndpointType.PRIMARY, EAST),
						new SignalRConnectionDetails.Endpoint("west", EndpointType.SECONDARY, WEST));
				assertThat(endpoints.toString()).doesNotContain(KEY);
				assertThat(hosts(context.getBean(ServiceEndpointRegistry.class)))
					.containsExactlyInAnyOrder("east:primary@east.service.signalr.net",
							"west:secondary@west.service.signalr.net");
			});
	}

	@Test
	void defaultConnectionDetailsWithoutPropertiesMakeNoRegistry() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PropertiesSignalRConnectionDetails.class);
			assertThat(context.getBean(SignalRConnectionDetails.class).getEndpoints()).isEmpty();
			assertThat(context).doesNotHaveBean(ServiceEndpointRegistry.class);
		});
	}

	@Test
	void backsOffToTheApplicationsConnectionDetailsAndIgnoresTheProperties() {
		this.runner.withUserConfiguration(OwnConnectionDetails.class)
			.withPropertyValues("azure.signalr.connection-string.east=" + EAST)
			.run((context) -> {
				assertThat(context).hasSingleBean(SignalRConnectionDetails.class)
					.doesNotHaveBean(PropertiesSignalRConnectionDetails.class);
				assertThat(hosts(context.getBean(ServiceEndpointRegistry.class)))
					.containsExactly("west:primary@west.service.signalr.net");
			});
	}

	@Test
	void theApplicationsConnectionDetailsAloneMakeTheRegistry() {
		this.runner.withUserConfiguration(OwnConnectionDetails.class).run((context) -> {
			assertThat(context).hasSingleBean(ServiceEndpointRegistry.class);
			assertThat(hosts(context.getBean(ServiceEndpointRegistry.class)))
				.containsExactly("west:primary@west.service.signalr.net");
		});
	}

	@Test
	void theReloaderFollowsTheApplicationsConnectionDetails() {
		this.runner.withUserConfiguration(ChangingConnectionDetails.class).run((context) -> {
			ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
			assertThat(hosts(registry)).containsExactly(":primary@east.service.signalr.net");
			context.getBean(ChangingConnectionDetails.class).endpoints
				.set(0, SignalRConnectionDetails.Endpoint.of(WEST));
			context.getBean(ConfiguredEndpointsReloader.class).reload();
			assertThat(hosts(registry)).containsExactly(":primary@west.service.signalr.net");
		});
	}

	@Test
	void aBadConnectionStringFromConnectionDetailsFailsNamingTheEndpointNotTheValue() {
		this.runner.withBean(SignalRConnectionDetails.class,
				() -> () -> List.of(new SignalRConnectionDetails.Endpoint("east", EndpointType.PRIMARY,
						"Endpoint=https://east.service.signalr.net;AccessKey=short;Version=1.0;")))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEndpointPropertyException.class)
					.hasMessageContaining("SignalRConnectionDetails endpoint 'east' (primary)")
					.hasMessageContaining("AccessKey of 5 characters")
					.hasMessageNotContaining("short;");
			});
	}

	private static List<String> hosts(ServiceEndpointRegistry registry) {
		return registry.endpoints()
			.stream()
			.map((ServiceEndpoint endpoint) -> endpoint.name() + ":" + endpoint.type().text() + "@"
					+ endpoint.endpoint().getHost())
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnConnectionDetails {

		@Bean
		SignalRConnectionDetails ownSignalRConnectionDetails() {
			return () -> List.of(new SignalRConnectionDetails.Endpoint("west", EndpointType.PRIMARY, WEST));
		}

	}

	static class ChangingConnectionDetails implements SignalRConnectionDetails {

		final List<Endpoint> endpoints = new CopyOnWriteArrayList<>(List.of(Endpoint.of(EAST)));

		@Override
		public List<Endpoint> getEndpoints() {
			return List.copyOf(this.endpoints);
		}

	}

}

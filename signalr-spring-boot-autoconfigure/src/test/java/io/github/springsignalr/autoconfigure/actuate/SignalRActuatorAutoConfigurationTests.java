package io.github.springsignalr.autoconfigure.actuate;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.SignalREndpoint;
import io.github.springsignalr.actuate.internal.SignalREndpointsHealthContributor;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class SignalRActuatorAutoConfigurationTests {

	private static final String CONNECTION_STRING = "azure.signalr.connection-string="
			+ "Endpoint=https://a.service.signalr.net;AccessKey=dGVzdC1vbmx5LWtleS1ub3QtYS1yZWFsLXNlY3JldDA=;Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRRotationAutoConfiguration.class, SignalRKeyRefreshStatusAutoConfiguration.class,
				SignalRHealthContributorAutoConfiguration.class, SignalREndpointAutoConfiguration.class))
		.withPropertyValues("azure.signalr.health-check.enabled=false");

	@Test
	void healthAndEndpointWithAnEndpointConfigured() {
		this.runner.withPropertyValues(CONNECTION_STRING, "management.endpoints.web.exposure.include=signalr")
			.run((context) -> assertThat(context).hasSingleBean(SignalREndpointsHealthContributor.class)
				.hasSingleBean(SignalREndpoint.class)
				.hasSingleBean(KeyRefreshStatusSource.class));
	}

	@Test
	void endpointOnlyWhenExposed() {
		this.runner.withPropertyValues(CONNECTION_STRING)
			.run((context) -> assertThat(context).doesNotHaveBean(SignalREndpoint.class)
				.hasSingleBean(SignalREndpointsHealthContributor.class));
	}

	@Test
	void nothingWithoutEndpoints() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=signalr")
			.run((context) -> assertThat(context).doesNotHaveBean(SignalREndpointsHealthContributor.class)
				.doesNotHaveBean(SignalREndpoint.class));
	}

	@Test
	void healthSwitchedOff() {
		this.runner.withPropertyValues(CONNECTION_STRING, "management.health.signalr.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SignalREndpointsHealthContributor.class));
	}

	@Test
	void nothingWithoutActuator() {
		this.runner.withPropertyValues(CONNECTION_STRING, "management.endpoints.web.exposure.include=signalr")
			.withClassLoader(new FilteredClassLoader(HealthContributor.class, Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SignalREndpointsHealthContributor.class)
				.doesNotHaveBean(SignalREndpoint.class));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theHealthSwitchIsInTheMetadata() throws Exception {
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			List<Map<String, Object>> properties = JsonPath.parse(metadata)
				.read("$.properties[?(@.name == 'management.health.signalr.enabled')]");
			assertThat(properties).singleElement().satisfies((property) -> assertThat(property)
				.containsEntry("type", "java.lang.Boolean")
				.containsEntry("defaultValue", true));
		}
	}

	@Test
	void backsOffToUserBeans() {
		this.runner.withPropertyValues(CONNECTION_STRING, "management.endpoints.web.exposure.include=signalr")
			.withBean("signalrHealthContributor", SignalREndpointsHealthContributor.class,
					() -> new SignalREndpointsHealthContributor(null, null, KeyRefreshStatusSource.NONE, null))
			.withBean(KeyRefreshStatusSource.class, () -> KeyRefreshStatusSource.NONE)
			.run((context) -> assertThat(context).hasSingleBean(SignalREndpointsHealthContributor.class)
				.getBean(KeyRefreshStatusSource.class)
				.isSameAs(KeyRefreshStatusSource.NONE));
	}

}

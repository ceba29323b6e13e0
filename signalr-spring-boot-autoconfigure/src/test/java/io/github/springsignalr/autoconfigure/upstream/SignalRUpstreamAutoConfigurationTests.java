package io.github.springsignalr.autoconfigure.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.LiveAccessKeys;
import io.github.springsignalr.upstream.SignalRConnected;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamSignatureValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRUpstreamAutoConfiguration}. The upstream URL's behaviour over HTTP is tested end to end with
 * the emulator and the official client ({@code UpstreamEndToEndTests}).
 */
class SignalRUpstreamAutoConfigurationTests {

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey="
			+ "dXBzdHJlYW0tYXV0by1jb25maWd1cmF0aW9uLXRlc3RzMDA=;Version=1.0;";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRUpstreamAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING);

	@Test
	void servesTheUpstreamUrlInAServletApplicationWithAnEndpoint() {
		this.runner.run((context) -> assertThat(context).hasBean("signalRUpstreamRoute")
			.hasSingleBean(LiveAccessKeys.class)
			.hasSingleBean(UpstreamSignatureValidator.class)
			.hasSingleBean(UpstreamConnections.class)
			.hasSingleBean(UpstreamEventDispatcher.class));
	}

	@Test
	void liveKeysFollowTheRegistry() {
		this.runner.run((context) -> {
			LiveAccessKeys keys = context.getBean(LiveAccessKeys.class);
			assertThat(keys.keys()).containsExactlyElementsOf(context.getBean(ServiceEndpointRegistry.class)
				.endpoints()
				.stream()
				.map((endpoint) -> endpoint.accessKey())
				.toList());
		});
	}

	@Test
	void registersTheAnnotatedMethodsOfTheApplicationsBeans() {
		this.runner.withBean(Handlers.class)
			.run((context) -> assertThat(context.getBean(UpstreamEventDispatcher.class).hasHandlers()).isTrue());
		this.runner
			.run((context) -> assertThat(context.getBean(UpstreamEventDispatcher.class).hasHandlers()).isFalse());
	}

	@Test
	void twoMethodsForOneHubAndTargetFailStartUp() {
		this.runner.withBean(Handlers.class).withBean(Clash.class).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("Two @SignalRMessage methods for hub 'chat' and target 'broadcast'"));
	}

	@Test
	void aConnectionEventMethodWithOtherParametersFailsStartUp() {
		this.runner.withBean(BadConnected.class).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("may take an InvocationContext and nothing else"));
	}

	@Test
	void aPathThatIsNotAPathFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("azure.signalr.upstream.path=signalr/upstream").run((context) -> assertThat(
				context)
			.hasFailed()
			.getFailure()
			.hasStackTraceContaining("azure.signalr.upstream.path"));
	}

	@Test
	void connectedEventCanBeRequired() {
		this.runner.withPropertyValues("azure.signalr.upstream.require-connected-event=true")
			.run((context) -> assertThat(context.getBean(UpstreamConnections.class).accept("c1", "chat", null, false))
				.isFalse());
		this.runner
			.run((context) -> assertThat(context.getBean(UpstreamConnections.class).accept("c1", "chat", null, false))
				.isTrue());
	}

	@Test
	void theInvocationTimeoutIsConfigurableAndMustBePositive() {
		this.runner.run((context) -> assertThat(context.getBean(UpstreamEventDispatcher.class).invocationTimeout())
			.isEqualTo(Duration.ofSeconds(30)));
		this.runner.withPropertyValues("azure.signalr.upstream.invocation-timeout=5s")
			.run((context) -> assertThat(context.getBean(UpstreamEventDispatcher.class).invocationTimeout())
				.isEqualTo(Duration.ofSeconds(5)));
		this.runner.withPropertyValues("azure.signalr.upstream.invocation-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("azure.signalr.upstream.invocation-timeout"));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("azure.signalr.upstream.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class)
				.doesNotHaveBean(LiveAccessKeys.class));
	}

	@Test
	void isSwitchedOffWithTheStarter() {
		this.runner.withPropertyValues("azure.signalr.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class)
				.doesNotHaveBean(UpstreamEventDispatcher.class));
	}

	@Test
	void needsAnEndpoint() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRUpstreamAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void needsAServletApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRUpstreamAutoConfiguration.class))
			.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING)
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void needsJackson() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class)
				.doesNotHaveBean(UpstreamEventDispatcher.class));
	}

	@Test
	void backsOffToUserBeans() {
		UpstreamConnections connections = new UpstreamConnections(5, true);
		UpstreamSignatureValidator validator = new UpstreamSignatureValidator(List::of);
		this.runner.withBean(UpstreamConnections.class, () -> connections)
			.withBean(UpstreamSignatureValidator.class, () -> validator)
			.run((context) -> {
				assertThat(context.getBean(UpstreamConnections.class)).isSameAs(connections);
				assertThat(context.getBean(UpstreamSignatureValidator.class)).isSameAs(validator);
				assertThat(context).hasBean("signalRUpstreamRoute");
			});
	}

	@Test
	void propertiesAreDocumentedWithTheirDefaults() throws IOException {
		List<Map<String, Object>> properties;
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			properties = JsonPath.parse(metadata).read("$.properties[?(@.name =~ /azure\\.signalr\\.upstream\\..*/)]");
		}
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("azure.signalr.upstream.enabled", "azure.signalr.upstream.path",
					"azure.signalr.upstream.require-connected-event", "azure.signalr.upstream.invocation-timeout",
					"azure.signalr.upstream.entra.audience",
					"azure.signalr.upstream.entra.tenant-id", "azure.signalr.upstream.entra.ssl-bundle");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description")).endsWith("."));
		assertThat(properties).extracting((property) -> property.get("defaultValue"))
			.contains(true, "/signalr/upstream/{hub}/{category}/{event}", false, "30s");
	}

	static class Handlers {

		@SignalRConnected(hub = "chat")
		void connected(InvocationContext context) {
		}

		@SignalRMessage(hub = "chat", target = "broadcast")
		String broadcast(String text) {
			return text;
		}

	}

	static class Clash {

		@SignalRMessage(hub = "Chat")
		String broadcast(String text) {
			return text;
		}

	}

	static class BadConnected {

		@SignalRConnected
		void connected(String text) {
		}

	}

}

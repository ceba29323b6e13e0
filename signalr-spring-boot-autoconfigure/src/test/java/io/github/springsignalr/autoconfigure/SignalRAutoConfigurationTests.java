package io.github.springsignalr.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.springsignalr.endpoint.DuplicateServiceEndpointException;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static io.github.springsignalr.autoconfigure.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRAutoConfiguration}: every shape of {@code azure.signalr.connection-string} from every kind of
 * source, back-off, switch-off and the failures a bad declaration causes.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignalRAutoConfigurationTests {

	private static final String EAST = "Endpoint=https://east.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;";

	private static final String WEST = "Endpoint=https://west.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;";

	private static final String SINGLE = "Endpoint=https://single.service.signalr.net;AccessKey=" + KEY
			+ ";Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class))
		.withInitializer(environmentVariables(Map.of()))
		.withPropertyValues("test.key=" + KEY);

	static Stream<Arguments> shapesFromFiles() {
		return Stream.of(Arguments.of("endpoints/single.yml", List.of("(unnamed):primary@single")),
				Arguments.of("endpoints/named.yml", List.of("east:primary@east", "West:primary@west")),
				Arguments.of("endpoints/typed.yml", List.of("east:primary@east", "west:secondary@west")),
				Arguments.of("endpoints/single.properties", List.of("(unnamed):primary@single")),
				Arguments.of("endpoints/named.properties", List.of("east:primary@east", "West:primary@west")),
				Arguments.of("endpoints/typed.properties", List.of("east:primary@east", "west:secondary@west")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapesFromFiles")
	void bindsEveryShapeFromConfigurationFiles(String file, List<String> expected) {
		this.runner.withInitializer(configFile(file))
			.run((context) -> assertThat(describe(context)).containsExactlyInAnyOrderElementsOf(expected));
	}

	static Stream<Arguments> shapesFromPropertyValues() {
		return Stream.of(
				Arguments.of(List.of("azure.signalr.connection-string=" + SINGLE), List.of("(unnamed):primary@single")),
				Arguments.of(List.of("azure.signalr.connection-string.east=" + EAST,
						"azure.signalr.connection-string.west=" + WEST),
						List.of("east:primary@east", "west:primary@west")),
				Arguments.of(List.of("azure.signalr.connection-string.east.PRIMARY=" + EAST,
						"azure.signalr.connection-string.west.secondary=" + WEST),
						List.of("east:primary@east", "west:secondary@west")),
				// An unnamed string and named children in one source: both count, as .NET merges them.
				Arguments.of(List.of("azure.signalr.connection-string=" + SINGLE,
						"azure.signalr.connection-string.west.secondary=" + WEST),
						List.of("(unnamed):primary@single", "west:secondary@west")),
				// The Management SDK's Azure:SignalR:Endpoints:<name>:<type>.
				Arguments.of(List.of("azure.signalr.endpoints.east=" + EAST,
						"azure.signalr.endpoints.west.secondary=" + WEST),
						List.of("east:primary@east", "west:secondary@west")),
				Arguments.of(List.of("azure.signalr.connection-string.east=" + EAST,
						"azure.signalr.endpoints.west=" + WEST), List.of("east:primary@east", "west:primary@west")));
	}

	@ParameterizedTest
	@MethodSource("shapesFromPropertyValues")
	void bindsEveryShapeFromPropertyValues(List<String> properties, List<String> expected) {
		this.runner.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> assertThat(describe(context)).containsExactlyInAnyOrderElementsOf(expected));
	}

	static Stream<Arguments> shapesFromEnvironmentVariables() {
		return Stream.of(Arguments.of(Map.of("AZURE_SIGNALR_CONNECTIONSTRING", SINGLE), List.of("(unnamed):primary@single")),
				Arguments.of(Map.of("AZURE_SIGNALR_CONNECTIONSTRING_EAST", EAST, "AZURE_SIGNALR_CONNECTIONSTRING_WEST", WEST),
						List.of("east:primary@east", "west:primary@west")),
				Arguments.of(Map.of("AZURE_SIGNALR_CONNECTIONSTRING_EAST_PRIMARY", EAST,
						"AZURE_SIGNALR_CONNECTIONSTRING_WEST_SECONDARY", WEST),
						List.of("east:primary@east", "west:secondary@west")),
				Arguments.of(Map.of("AZURE_SIGNALR_CONNECTIONSTRING", SINGLE, "AZURE_SIGNALR_CONNECTIONSTRING_WEST_SECONDARY",
						WEST), List.of("(unnamed):primary@single", "west:secondary@west")),
				// The .NET SDK's names, so that one deployment's settings serve both stacks.
				Arguments.of(Map.of("Azure__SignalR__ConnectionString", SINGLE), List.of("(unnamed):primary@single")),
				Arguments.of(Map.of("Azure__SignalR__ConnectionString__east", EAST,
						"Azure__SignalR__ConnectionString__west", WEST), List.of("east:primary@east", "west:primary@west")),
				Arguments.of(Map.of("Azure__SignalR__ConnectionString__east__Primary", EAST,
						"Azure__SignalR__ConnectionString__west__Secondary", WEST),
						List.of("east:primary@east", "west:secondary@west")),
				Arguments.of(Map.of("Azure__SignalR__Endpoints__east", EAST, "AZURE__SIGNALR__ENDPOINTS__WEST__SECONDARY", WEST),
						List.of("east:primary@east", "west:secondary@west")));
	}

	@ParameterizedTest
	@MethodSource("shapesFromEnvironmentVariables")
	void bindsEveryShapeFromEnvironmentVariables(Map<String, Object> variables, List<String> expected) {
		this.runner.withInitializer(environmentVariables(variables))
			.run((context) -> assertThat(describe(context)).containsExactlyInAnyOrderElementsOf(expected));
	}

	@Test
	void environmentVariableOverridesTheSameEndpointInAFile() {
		String other = "Endpoint=https://other.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;";
		this.runner.withInitializer(configFile("endpoints/typed.yml"))
			.withInitializer(environmentVariables(Map.of("AZURE_SIGNALR_CONNECTIONSTRING_WEST_SECONDARY", other)))
			.run((context) -> assertThat(describe(context)).containsExactlyInAnyOrder("east:primary@east",
					"west:secondary@other"));
	}

	@Test
	void blankValueDeclaresNothing(CapturedOutput output) {
		this.runner.withPropertyValues("azure.signalr.connection-string=${UNSET_CONNECTION_STRING:}").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ServiceEndpointRegistry.class);
			assertThat(output).contains("no endpoint is configured");
		});
	}

	@Test
	void withoutEndpointsStartsWithoutRegistryAndSaysHowToConfigureOne(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ServiceEndpointRegistry.class);
			assertThat(output).containsOnlyOnce("Azure SignalR Service support is idle: no endpoint is configured")
				.contains("azure.signalr.connection-string")
				.contains("AZURE_SIGNALR_CONNECTIONSTRING");
		});
	}

	@Test
	void switchedOffMakesNothingEvenWithEndpoints(CapturedOutput output) {
		this.runner.withPropertyValues("azure.signalr.enabled=false", "azure.signalr.connection-string=" + SINGLE)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(ServiceEndpointRegistry.class)
					.doesNotHaveBean(SignalRProperties.class);
				assertThat(output).doesNotContain("Azure SignalR Service support is idle");
			});
	}

	@Test
	void backsOffToUserRegistry(CapturedOutput output) {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + SINGLE)
			.withUserConfiguration(UserRegistryConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ServiceEndpointRegistry.class);
				assertThat(context.getBean(ServiceEndpointRegistry.class))
					.isSameAs(context.getBean(UserRegistryConfiguration.class).registry);
				assertThat(output).doesNotContain("Azure SignalR Service support is idle");
			});
	}

	@Test
	void endpointBeansAloneMakeARegistry() {
		this.runner.withUserConfiguration(EndpointBeanConfiguration.class)
			.run((context) -> assertThat(describe(context)).containsExactly("north:secondary@north"));
	}

	@Test
	void endpointBeansJoinConfiguredEndpoints() {
		this.runner.withPropertyValues("azure.signalr.connection-string.east=" + EAST)
			.withUserConfiguration(EndpointBeanConfiguration.class)
			.run((context) -> assertThat(describe(context)).containsExactly("east:primary@east",
					"north:secondary@north"));
	}

	@Test
	void customizersRunInOrderAfterConfigurationAndBeans() {
		this.runner.withPropertyValues("azure.signalr.connection-string.east=" + EAST)
			.withUserConfiguration(EndpointBeanConfiguration.class, CustomizerConfiguration.class)
			.run((context) -> assertThat(describe(context)).containsExactly("north:secondary@north",
					"south:primary@south"));
	}

	@Test
	void aCustomizerAloneMakesARegistry() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> assertThat(describe(context)).containsExactly("south:primary@south"));
	}

	@Test
	void registryPublishesChangesAsApplicationEvents() {
		this.runner.withPropertyValues("azure.signalr.connection-string.east=" + EAST)
			.withUserConfiguration(EventRecorderConfiguration.class)
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				registry.update(registry.endpoints().get(0).id(), (endpoint) -> endpoint.withOnline(false));
				assertThat(context.getBean(EventRecorderConfiguration.class).events).singleElement()
					.satisfies((event) -> assertThat(event.changed()).singleElement()
						.satisfies((change) -> assertThat(change.onlineChanged()).isTrue()));
			});
	}

	@Test
	void badTypeFailsNamingThePropertyAndAValidForm() {
		this.runner.withPropertyValues("azure.signalr.connection-string.west.tertiary=" + WEST).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string.west.tertiary'")
				.contains("'tertiary' is not an endpoint type: use primary or secondary");
			assertThat(analysis.getAction()).contains("azure.signalr.connection-string.west.secondary");
			assertNoSecret(context, analysis);
		});
	}

	@Test
	void badTypeFromEnvironmentNamesThePropertyAndTheVariable() {
		this.runner.withInitializer(environmentVariables(Map.of("AZURE_SIGNALR_CONNECTIONSTRING_WEST_TERTIARY", WEST)))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string.west.tertiary'")
					.contains("AZURE_SIGNALR_CONNECTIONSTRING_WEST_TERTIARY");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void badConnectionStringFailsNamingThePropertyAndTheKey() {
		this.runner.withPropertyValues("azure.signalr.connection-string.east=Endpoint=east;AccessKey=" + KEY)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string.east'")
					.contains("Endpoint");
				assertThat(analysis.getAction())
					.contains("azure.signalr.connection-string.east=Endpoint=https://<resource>.service.signalr.net;"
							+ "AccessKey=<key>;Version=1.0;");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void anAccessKeyShorterThan32CharactersFailsSayingItsLengthOnly() {
		String weak = KEY.substring(0, 31);
		this.runner
			.withPropertyValues("azure.signalr.connection-string.east=Endpoint=https://east.service.signalr.net;AccessKey="
					+ weak + ";Version=1.0;")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string.east'")
					.contains("has an AccessKey of 31 characters; it must have at least 32");
				assertThat(analysis.getDescription().contains(weak.substring(0, 8))).as("the description shows the key")
					.isFalse();
				assertNoSecret(context, analysis);
			});
		this.runner
			.withPropertyValues("azure.signalr.connection-string.east=Endpoint=https://east.service.signalr.net;AccessKey="
					+ KEY.substring(0, 32) + ";Version=1.0;")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void badConnectionStringFromYamlNamesTheFileAndLine() {
		this.runner.withInitializer(configFile("endpoints/bad.yml")).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string.east'")
				.contains("bad.yml")
				.contains("AccessKey");
			assertNoSecret(context, analysis);
		});
	}

	static Stream<Arguments> malformedDeclarations() {
		return Stream.of(
				Arguments.of("azure.signalr.connection-string[0]", "endpoints are a map of names, not a list"),
				Arguments.of("azure.signalr.connection-string.east.primary.extra",
						"a key has at most two parts below azure.signalr.connection-string: a name and a type"),
				Arguments.of("azure.signalr.endpoints", "an endpoint declared here needs a name"));
	}

	@ParameterizedTest
	@MethodSource("malformedDeclarations")
	void malformedDeclarationFailsNamingTheProperty(String property, String problem) {
		this.runner.withPropertyValues(property + "=" + EAST).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
			assertNoSecret(context, analysis);
		});
	}

	@Test
	void sameEndpointDeclaredTwiceInOneShapeFails() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string.east=" + EAST,
					"azure.signalr.connection-string.east.primary=" + WEST)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("endpoint 'east' (primary) is also declared by");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void sameEndpointDeclaredUnderBothPrefixesFails() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string.east=" + EAST, "azure.signalr.endpoints.east=" + WEST)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'azure.signalr.endpoints.east'")
				.contains("also declared by 'azure.signalr.connection-string.east'"));
	}

	@Test
	void endpointBeanWithAConfiguredNameFails() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string.north.secondary="
					+ EAST.replace("east", "elsewhere"))
			.withUserConfiguration(EndpointBeanConfiguration.class)
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(DuplicateServiceEndpointException.class);
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("two endpoints are named north:secondary");
				assertThat(analysis.getAction()).contains("Declare each endpoint once");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void twoEndpointsOfOneServiceWithOneTypeFail() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string.a=" + EAST, "azure.signalr.connection-string.b=" + EAST)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("endpoints a:primary and b:primary both point at https://east.service.signalr.net"));
	}

	@Test
	void twoEndpointsOfOneServiceWithDifferentTypesAreFine() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string.a=" + EAST,
					"azure.signalr.connection-string.b.secondary=" + EAST)
			.run((context) -> assertThat(describe(context)).containsExactly("a:primary@east", "b:secondary@east"));
	}

	static Stream<String> badDeclarationsCarryingSecrets() {
		String secret = "client-secret-" + KEY;
		return Stream.of("azure.signalr.connection-string=Endpoint=east;AccessKey=" + KEY,
				"azure.signalr.connection-string=Endpoint=https://east.service.signalr.net;AccessKey=" + KEY
						+ ";Version=2.0",
				"azure.signalr.connection-string=Endpoint=https://east.service.signalr.net;AccessKey=" + KEY
						+ ";accesskey=" + KEY,
				"azure.signalr.connection-string.east.tertiary=Endpoint=https://east.service.signalr.net;AccessKey="
						+ KEY,
				"azure.signalr.connection-string=Endpoint=https://east.service.signalr.net;AuthType=azure.app;"
						+ "ClientId=a;ClientSecret=" + secret,
				"azure.signalr.connection-string=Endpoint=ftp://east;AuthType=azure.app;ClientId=a;TenantId=b;"
						+ "ClientSecret=" + secret,
				"azure.signalr.connection-string=Endpoint=https://east.service.signalr.net;AuthType=magic;"
						+ "ClientSecret=" + secret + ";AccessKey=" + KEY);
	}

	@ParameterizedTest
	@MethodSource("badDeclarationsCarryingSecrets")
	void noFailureShowsTheKeyOrClientSecretAnywhere(String declaration, CapturedOutput output) {
		this.runner.withPropertyValues(declaration).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertNoSecret(context, analysis);
			assertThat(TestKeys.leaks(output.getAll())).as("log output leaks the key").isFalse();
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("client-secret");
			assertThat(output.getAll()).doesNotContain("client-secret");
			for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
				assertThat(failure.getMessage()).doesNotContain("client-secret");
			}
		});
	}

	@Test
	void failureAnalyzersAreRegistered() throws IOException {
		StringBuilder registered = new StringBuilder();
		for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
			registered.append(PropertiesLoaderUtils.loadProperties(new UrlResource(factories))
				.getProperty(FailureAnalyzer.class.getName(), "")).append(',');
		}
		assertThat(registered).contains(InvalidEndpointPropertyFailureAnalyzer.class.getName(),
				DuplicateServiceEndpointFailureAnalyzer.class.getName());
	}

	private static List<String> describe(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed().hasSingleBean(ServiceEndpointRegistry.class);
		return context.getBean(ServiceEndpointRegistry.class)
			.endpoints()
			.stream()
			.map((endpoint) -> endpoint.id() + "@" + endpoint.endpoint().getHost().replace(".service.signalr.net", ""))
			.toList();
	}

	/**
	 * The analysis Spring Boot would print for the context's start-up failure, by whichever of our analyzers claims
	 * it (their registration is tested on its own).
	 */
	static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		for (FailureAnalyzer analyzer : List.of(new InvalidEndpointPropertyFailureAnalyzer(),
				new DuplicateServiceEndpointFailureAnalyzer())) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No analyzer of ours explains " + failure);
	}

	private static void assertNoSecret(AssertableApplicationContext context, FailureAnalysis analysis) {
		assertThat(TestKeys.leaks(analysis.getDescription())).as("description leaks the key").isFalse();
		assertThat(TestKeys.leaks(analysis.getAction())).as("action leaks the key").isFalse();
		for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
			assertThat(TestKeys.leaks(failure.getMessage())).as("message of %s leaks the key", failure.getClass())
				.isFalse();
			assertThat(TestKeys.leaks(failure.toString())).isFalse();
		}
	}

	static ApplicationContextInitializer<ConfigurableApplicationContext> configFile(String path) {
		return (context) -> {
			PropertySourceLoader loader = path.endsWith(".yml") ? new YamlPropertySourceLoader()
					: new PropertiesPropertySourceLoader();
			try {
				loader.load(path, new ClassPathResource(path))
					.forEach(context.getEnvironment().getPropertySources()::addLast);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	/**
	 * Replaces the process's environment variables by {@code variables} in a real system-environment property
	 * source, so that Spring maps their names as it maps real ones, and the machine's own variables stay out.
	 */
	static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new LinkedHashMap<>(variables)));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(), null);

		@Bean
		ServiceEndpointRegistry userRegistry() {
			return this.registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointBeanConfiguration {

		@Bean
		ServiceEndpoint northEndpoint() {
			return ServiceEndpoint.of("north", EndpointType.SECONDARY,
					"Endpoint=https://north.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@org.springframework.core.annotation.Order(1)
		ServiceEndpointsCustomizer addSouth() {
			return (endpoints) -> endpoints.add(ServiceEndpoint.of("south", EndpointType.PRIMARY,
					"Endpoint=https://south.service.signalr.net;AccessKey=" + KEY + ";Version=1.0;"));
		}

		@Bean
		@org.springframework.core.annotation.Order(2)
		ServiceEndpointsCustomizer removeEast() {
			return (endpoints) -> endpoints.removeIf((endpoint) -> endpoint.name().equals("east"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EventRecorderConfiguration {

		final List<io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent> events = new ArrayList<>();

		@org.springframework.context.event.EventListener
		void on(io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent event) {
			this.events.add(event);
		}

	}

}

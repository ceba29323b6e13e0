package io.github.springsignalr.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warning about a plain-text key in a configuration file, with real property sources: files loaded as
 * Spring Boot loads {@code application.yml} and {@code .properties}, environment variables, the command line. The
 * key is made at run time and checked for with booleans, so that no report holds it.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlaintextSecretCheckTests {

	private static final String KEY = key();

	private static final String WARNING = "is written in plain text in";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class))
		.withInitializer(SignalRAutoConfigurationTests.environmentVariables(Map.of()));

	@TempDir
	Path directory;

	@Test
	void warnsOncePerEndpointNamingThePropertyAndTheFileNeverTheKey(CapturedOutput output) throws IOException {
		Path file = write("application.yml", """
				azure:
				  signalr:
				    connection-string:
				      east: "Endpoint=https://east.service.signalr.net;AccessKey=%s;Version=1.0;"
				      west.secondary: "Endpoint=https://west.service.signalr.net;accesskey = %s"
				""".formatted(KEY, KEY));
		this.runner.withInitializer(configFile(file)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(occurrences(output.toString(), WARNING)).isEqualTo(2);
			assertThat(output).contains("WARN")
				.contains("The AccessKey of Azure SignalR endpoint property 'azure.signalr.connection-string.east' "
						+ WARNING + " file [" + file + "]")
				.contains("'azure.signalr.connection-string.west.secondary' " + WARNING)
				.contains("@Microsoft.KeyVault(SecretUri=")
				.contains("Microsoft Entra ID (AuthType=azure.msi");
			assertThat(leaks(output.toString())).as("the output shows the key").isFalse();
		});
	}

	@Test
	void warnsWhenSpringBootLoadsTheFileAsApplicationConfiguration(CapturedOutput output) throws IOException {
		Path file = write("application.properties",
				"azure.signalr.connection-string=Endpoint=https://east.service.signalr.net;AccessKey=" + KEY + "\n");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.location=file:" + file, "spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getBean(ServiceEndpointRegistry.class).endpoints()).hasSize(1);
			assertThat(occurrences(output.toString(), WARNING)).isOne();
			assertThat(output)
				.contains("'azure.signalr.connection-string' " + WARNING + " URL [file:" + file + "] - 1:");
			assertThat(leaks(output.toString())).as("the output shows the key").isFalse();
		}
	}

	@Test
	void warnsAboutAClientSecretInAPropertiesFile(CapturedOutput output) throws IOException {
		Path file = write("application.properties", "azure.signalr.endpoints.east=Endpoint=https://east.service."
				+ "signalr.net;AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=" + KEY + "\n");
		this.runner.withInitializer(configFile(file)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("The ClientSecret of Azure SignalR endpoint property "
					+ "'azure.signalr.endpoints.east' " + WARNING + " file [" + file + "]");
			assertThat(leaks(output.toString())).as("the output shows the key").isFalse();
		});
	}

	@Test
	void noWarningForAPlaceholderInTheFile(CapturedOutput output) throws IOException {
		Path file = write("application.yml", """
				azure.signalr.connection-string: "Endpoint=https://east.service.signalr.net;AccessKey=${SIGNALR_KEY}"
				""");
		this.runner.withInitializer(configFile(file))
			.withInitializer(SignalRAutoConfigurationTests.environmentVariables(Map.of("SIGNALR_KEY", KEY)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ServiceEndpointRegistry.class).endpoints())
					.hasSize(1);
				assertThat(output).doesNotContain(WARNING);
			});
	}

	@Test
	void noWarningForEnvironmentVariables(CapturedOutput output) {
		this.runner.withInitializer(SignalRAutoConfigurationTests.environmentVariables(Map.of(
				"AZURE_SIGNALR_CONNECTIONSTRING", "Endpoint=https://east.service.signalr.net;AccessKey=" + KEY)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ServiceEndpointRegistry.class);
				assertThat(output).doesNotContain(WARNING);
			});
	}

	@Test
	void noWarningForSystemPropertiesOrTheCommandLine(CapturedOutput output) {
		String value = "Endpoint=https://east.service.signalr.net;AccessKey=" + KEY;
		this.runner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new SimpleCommandLinePropertySource("--azure.signalr.connection-string.east=" + value));
			Properties systemProperties = new Properties();
			systemProperties.put("azure.signalr.connection-string.west", value.replace("east", "west"));
			context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new PropertiesPropertySource(
						StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ServiceEndpointRegistry.class).endpoints())
				.hasSize(2);
			assertThat(output).doesNotContain(WARNING);
		});
	}

	@Test
	void noWarningForAKeyVaultPropertySource(CapturedOutput output) {
		// Spring Cloud Azure's Key Vault property source: an enumerable source whose values carry no file origin.
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("azure-key-vault-secret-property-source-1",
						Map.of("azure.signalr.connection-string",
								"Endpoint=https://east.service.signalr.net;AccessKey=" + KEY))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain(WARNING);
			});
	}

	@Test
	void aKeyVaultReferenceOrAnEntraStringHoldsNoPlaintextSecret() {
		assertThat(PlaintextSecretCheck.plaintextSecret(
				" @microsoft.keyvault(SecretUri=https://v.vault.azure.net/secrets/s/;AccessKey=x)")).isNull();
		assertThat(PlaintextSecretCheck.plaintextSecret("Endpoint=https://a;AuthType=azure.msi;ClientId=c")).isNull();
		assertThat(PlaintextSecretCheck.plaintextSecret("Endpoint=https://a;AccessKey=;Version=1.0")).isNull();
		assertThat(PlaintextSecretCheck.plaintextSecret("Endpoint=https://a;AccessKey=x${KEY}")).isNull();
		assertThat(PlaintextSecretCheck.plaintextSecret("Endpoint=https://a; ACCESSKEY = x")).isEqualTo("AccessKey");
		assertThat(PlaintextSecretCheck.plaintextSecret("Endpoint=https://a;AuthType=azure.app;clientsecret=x"))
			.isEqualTo("ClientSecret");
	}

	@Test
	void aConfigTreeFileIsNotAConfigurationFile(CapturedOutput output) throws IOException {
		// Kubernetes mounts a secret as a file named after the property: a config tree, not a committed file.
		Path tree = Files.createDirectories(this.directory.resolve("tree"));
		Files.writeString(tree.resolve("azure.signalr.connection-string"),
				"Endpoint=https://east.service.signalr.net;AccessKey=" + KEY);
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new ConfigTreePropertySource("tree", tree)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ServiceEndpointRegistry.class);
				assertThat(output).doesNotContain(WARNING);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SignalRAutoConfiguration.class)
	static class Application {

	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content);
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> configFile(Path file) {
		return (context) -> {
			PropertySourceLoader loader = file.toString().endsWith(".yml") ? new YamlPropertySourceLoader()
					: new PropertiesPropertySourceLoader();
			try {
				loader.load("Config resource 'file [" + file + "]'", new FileSystemResource(file))
					.forEach(context.getEnvironment().getPropertySources()::addLast);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	private static int occurrences(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static boolean leaks(String text) {
		for (int i = 0; i + 8 <= KEY.length(); i++) {
			if (text.contains(KEY.substring(i, i + 8))) {
				return true;
			}
		}
		return false;
	}

	private static String key() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}

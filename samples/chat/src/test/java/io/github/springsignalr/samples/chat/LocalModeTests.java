package io.github.springsignalr.samples.chat;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.autoconfigure.local.SignalRLocalModeAutoConfiguration;
import io.github.springsignalr.emulator.spring.LocalEmulatorInitializer;
import io.github.springsignalr.emulator.spring.LocalEmulators;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local switch of {@link LocalEmulatorInitializer}: off unless asked, and in {@code auto} only while no connection
 * string is configured in any of the starter's forms.
 */
class LocalModeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRLocalModeAutoConfiguration.class))
		.withInitializer(new LocalEmulatorInitializer());

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(LocalEmulators.class)
			.doesNotHaveBean(SignalRConnectionDetails.class));
	}

	@Test
	void autoWithoutConnectionStringStartsTheEmulatorAndPointsTheStarterAtIt() {
		this.contextRunner.withPropertyValues("signalr.emulator.local.enabled=auto").run((context) -> {
			LocalEmulators emulators = context.getBean(LocalEmulators.class);
			assertThat(emulators.hasVault()).isFalse();
			// Connection details, not a property: no key is written into the environment.
			assertThat(context.getEnvironment().containsProperty("azure.signalr.connection-string")).isFalse();
			String connectionString = connectionString(context.getBean(SignalRConnectionDetails.class));
			// Compared without printing it: it holds a key.
			assertThat(emulators.service().primaryConnectionString().equals(connectionString))
				.as("the emulator's primary connection string")
				.isTrue();
		});
	}

	@Test
	void withKeyVaultTheConnectionStringIsAReferenceToTheEmbeddedVault() {
		this.contextRunner
			.withPropertyValues("signalr.emulator.local.enabled=true", "signalr.emulator.local.key-vault=true")
			.run((context) -> {
				LocalEmulators emulators = context.getBean(LocalEmulators.class);
				assertThat(connectionString(context.getBean(SignalRConnectionDetails.class)))
					.isEqualTo(emulators.secretReference())
					.startsWith("@Microsoft.KeyVault(SecretUri=" + emulators.vault().vaultUri());
				assertThat(context.getEnvironment().getProperty("azure.signalr.key-vault.refresh-interval"))
					.isEqualTo("2s");
				// The loopback vault is allowed for the starter, whose own client skips the challenge check; every
				// other Key Vault client of the application keeps it.
				assertThat(context.getEnvironment().getProperty("azure.signalr.key-vault.allowed-hosts"))
					.isEqualTo("localhost");
				assertThat(context.getEnvironment()
					.containsProperty("spring.cloud.azure.keyvault.secret.challenge-resource-verification-enabled"))
					.isFalse();
			});
	}

	@Test
	void upstreamPointsTheEmulatorAtThisApplicationOnAPortChosenBeforeTheServerStarts() {
		this.contextRunner
			.withPropertyValues("signalr.emulator.local.enabled=true", "signalr.emulator.local.upstream=true",
					"server.port=0", "server.servlet.context-path=/app/")
			.run((context) -> {
				LocalEmulators emulators = context.getBean(LocalEmulators.class);
				int port = context.getEnvironment().getProperty("server.port", Integer.class);
				assertThat(port).as("a free port in place of 0").isPositive();
				assertThat(emulators.service().upstream().template())
					.isEqualTo("http://localhost:" + port + "/app/signalr/upstream/{hub}/{category}/{event}");
			});
		this.contextRunner
			.withPropertyValues("signalr.emulator.local.enabled=true", "signalr.emulator.local.upstream=true",
					"server.port=8181", "azure.signalr.upstream.path=/runtime/webhooks/signalr")
			.run((context) -> assertThat(context.getBean(LocalEmulators.class).service().upstream().template())
				.isEqualTo("http://localhost:8181/runtime/webhooks/signalr"));
		this.contextRunner.withPropertyValues("signalr.emulator.local.enabled=true")
			.run((context) -> assertThat(context.getBean(LocalEmulators.class).service().upstream()).isNull());
	}

	@Test
	void withKeyVaultTheApplicationsAllowedHostsAreKept() {
		this.contextRunner
			.withPropertyValues("signalr.emulator.local.enabled=true", "signalr.emulator.local.key-vault=true",
					"azure.signalr.key-vault.allowed-hosts=*.vault.local.azurestack.external")
			.run((context) -> assertThat(context.getEnvironment().getProperty("azure.signalr.key-vault.allowed-hosts"))
				.isEqualTo("*.vault.local.azurestack.external,localhost"));
	}

	@Test
	void autoWithAConfiguredConnectionStringStaysOff() {
		this.contextRunner
			.withPropertyValues("signalr.emulator.local.enabled=auto",
					"azure.signalr.connection-string.east=Endpoint=https://east.service.signalr.net;AuthType=azure")
			.run((context) -> assertThat(context).doesNotHaveBean(LocalEmulators.class));
	}

	@Test
	void autoWithTheEnvironmentVariableStaysOff() {
		// Before the initializer under test, through a source mapped as the real environment is.
		new ApplicationContextRunner()
			.withInitializer((context) -> TestPropertyValues
				.of("AZURE_SIGNALR_CONNECTIONSTRING=Endpoint=https://a.service.signalr.net;AuthType=azure")
				.applyTo(context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT))
			.withInitializer(new LocalEmulatorInitializer())
			.withPropertyValues("signalr.emulator.local.enabled=auto")
			.run((context) -> assertThat(context).doesNotHaveBean(LocalEmulators.class));
	}

	@Test
	void autoWithABlankConnectionStringIsLocal() {
		this.contextRunner
			.withPropertyValues("signalr.emulator.local.enabled=auto", "azure.signalr.connection-string=")
			.run((context) -> assertThat(context).hasSingleBean(LocalEmulators.class));
	}

	@Test
	void anUnknownValueFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("signalr.emulator.local.enabled=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("signalr.emulator.local.enabled"));
	}

	private static String connectionString(SignalRConnectionDetails details) {
		assertThat(details.getEndpoints()).hasSize(1);
		SignalRConnectionDetails.Endpoint endpoint = details.getEndpoints().get(0);
		assertThat(endpoint.name()).isEmpty();
		return endpoint.connectionString();
	}

}

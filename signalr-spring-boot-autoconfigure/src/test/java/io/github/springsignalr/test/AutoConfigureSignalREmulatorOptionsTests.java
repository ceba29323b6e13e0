package io.github.springsignalr.test;

import java.security.SecureRandom;
import java.util.Base64;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.autoconfigure.SignalRConnectionDetails.Endpoint;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options of {@link AutoConfigureSignalREmulator}, each on a {@code @SpringBootTest} of its own: a Key Vault
 * emulator holding the connection string the application references, a Microsoft Entra ID emulator the application
 * signs in to, an upstream at the application's own port, the key of the connection strings, and customizers.
 */
class AutoConfigureSignalREmulatorOptionsTests {

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
	@AutoConfigureSignalREmulator(keyVault = true)
	class KeyVault {

		@Autowired
		private KeyVaultEmulator vault;

		@Autowired
		private SignalREmulator emulator;

		@Autowired
		private SignalRConnectionDetails connectionDetails;

		@Autowired
		private ServiceEndpointRegistry registry;

		@Autowired
		private SignalRTemplate template;

		@Autowired
		private Environment environment;

		@Test
		void theApplicationReferencesTheEmulatorsConnectionStringInTheVault() {
			assertThat(this.vault.isRunning()).isTrue();
			assertThat(this.vault.secrets().get(AutoConfigureSignalREmulator.SECRET_NAME)).hasValueSatisfying(
					(secret) -> assertThat(secret.value()).isEqualTo(this.emulator.primaryConnectionString()));
			assertThat(this.connectionDetails.getEndpoints()).extracting(Endpoint::connectionString)
				.containsExactly("@Microsoft.KeyVault(SecretUri=" + this.vault.vaultUri() + "secrets/"
						+ AutoConfigureSignalREmulator.SECRET_NAME + "/)");
			ServiceEndpoint endpoint = this.registry.endpoints().get(0);
			assertThat(endpoint.endpoint()).isEqualTo(this.emulator.endpoint());
			assertThat(endpoint.accessKey().id()).isEqualTo(AccessKey.of(this.emulator.accessKey(KeyType.PRIMARY)).id());
			assertThat(this.environment.getProperty("azure.signalr.key-vault.allowed-hosts")).isEqualTo("localhost");
			assertThat(this.template.sendToAll("chat", "message", "through the vault's key").succeeded()).isTrue();
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
			properties = "azure.signalr.entra.allowed-hosts=localhost,signalr.example.org")
	@AutoConfigureSignalREmulator(entra = true)
	class Entra {

		@Autowired
		private EntraEmulator entra;

		@Autowired
		private EmulatedEntraApplication application;

		@Autowired
		private SignalREmulator emulator;

		@Autowired
		private ServiceEndpointRegistry registry;

		@Autowired
		private SignalRTemplate template;

		@Autowired
		private Environment environment;

		@Test
		void theApplicationSignsInToTheEntraEmulatorAndGetsATemporaryKey() {
			assertThat(this.emulator.isEntraEnabled()).isTrue();
			assertThat(this.environment.getProperty("spring.cloud.azure.profile.environment.active-directory-endpoint"))
				.isEqualTo(this.entra.authorityHost().toString());
			ServiceEndpoint endpoint = this.registry.endpoints().get(0);
			assertThat(endpoint.endpoint()).isEqualTo(this.emulator.endpoint());
			assertThat(endpoint.online()).isTrue();
			assertThat(endpoint.accessKey()).isNotNull();
			assertThat(this.emulator.temporaryKeysIssued()).isPositive();
			assertThat(this.template.sendToAll("chat", "message", "with a temporary key").succeeded()).isTrue();
		}

		@Test
		void theTestsOwnPropertiesWinOverTheDefaults() {
			assertThat(this.environment.getProperty("azure.signalr.entra.allowed-hosts"))
				.isEqualTo("localhost,signalr.example.org");
		}

		@Test
		void theApplicationsSecretIsNotInItsToString() {
			assertThat(this.application.toString()).contains(this.application.clientId())
				.doesNotContain(this.application.clientSecret());
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}")
	class UpstreamPath {

		@Autowired
		private SignalREmulator emulator;

		@LocalServerPort
		private int port;

		@Test
		void theEmulatorPostsToTheApplicationsPort() {
			assertThat(this.emulator.upstream().template())
				.isEqualTo("http://localhost:" + this.port + "/signalr/upstream/{hub}/{category}/{event}");
		}

	}

	@Nested
	@SpringBootTest(classes = { App.class, KnownPrimaryKey.class }, webEnvironment = SpringBootTest.WebEnvironment.NONE)
	@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" }, key = KeyType.SECONDARY)
	class KeyAndCustomizers {

		@Autowired
		private ServiceEndpointRegistry registry;

		@Autowired
		@Qualifier("east")
		private SignalREmulator east;

		@Autowired
		@Qualifier("west")
		private SignalREmulator west;

		@Test
		void customizersAdjustEachEmulatorAndTheApplicationHoldsTheKeyAskedFor() {
			assertThat(this.east.accessKey(KeyType.PRIMARY)).isEqualTo(KnownPrimaryKey.KEY);
			assertThat(this.west.accessKey(KeyType.PRIMARY)).isNotEqualTo(KnownPrimaryKey.KEY);
			assertThat(this.registry.endpoints()).extracting((endpoint) -> endpoint.accessKey().id())
				.containsExactly(AccessKey.of(this.east.accessKey(KeyType.SECONDARY)).id(),
						AccessKey.of(this.west.accessKey(KeyType.SECONDARY)).id());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

	static class KnownPrimaryKey {

		static final String KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

		@Bean
		SignalREmulatorCustomizer eastPrimaryKey() {
			return (endpoint, builder) -> {
				if (endpoint.equals("east")) {
					builder.primaryKey(KEY);
				}
			};
		}

	}

}

package io.github.springsignalr.autoconfigure.keyvault;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import io.github.springsignalr.actuate.KeyRefreshStatus;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.internal.SignalREndpointsHealthContributor;
import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import io.github.springsignalr.autoconfigure.actuate.SignalRKeyRefreshStatusAutoConfiguration;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.emulator.keyvault.SecretAttributes;
import io.github.springsignalr.emulator.keyvault.SecretVersion;
import io.github.springsignalr.endpoint.internal.EndpointHealthChecker;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.keyvault.internal.KeyVaultConnectionStringResolver;
import io.github.springsignalr.keyvault.internal.KeyVaultHosts;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Key Vault references resolved, watched and rolled over by the real {@code SecretClient} against the
 * {@link KeyVaultEmulator} over HTTPS.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignalRKeyVaultAutoConfigurationTests {

	/** An access key as it would appear in a log line: 43 base64 characters and '='. */
	private static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z0-9+/]{43}=");

	private static final EndpointId UNNAMED = new EndpointId("", EndpointType.PRIMARY);

	/** A reference the {@link InMemorySecrets} answer. */
	private static final String IN_MEMORY_REFERENCE = "azure.signalr.connection-string=@Microsoft.KeyVault("
			+ "VaultName=myvault;SecretName=signalr)";

	/** The extension's vault. */
	private static KeyVaultEmulator vault;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRRotationAutoConfiguration.class, SignalRKeyVaultAutoConfiguration.class,
				SignalRKeyRefreshStatusAutoConfiguration.class))
		.withUserConfiguration(VaultConfiguration.class)
		.withPropertyValues("azure.signalr.reload.enabled=false", "azure.signalr.key-vault.allowed-hosts=localhost");

	/** Without the emulated vault: for back-off and class-path conditions. */
	private final ApplicationContextRunner plainRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
				SignalRRotationAutoConfiguration.class, SignalRKeyVaultAutoConfiguration.class))
		.withPropertyValues("azure.signalr.reload.enabled=false");

	@RegisterExtension
	static final SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().keyVault(true).build();

	/** A second vault, for a client that must not share the first one's accepted challenge. */
	@RegisterExtension
	static final SignalREmulatorExtension anotherVault = SignalREmulatorExtension.builder().keyVault(true).build();

	@BeforeAll
	static void vault() {
		vault = signalr.keyVault();
	}

	private static String reference(String secret) {
		return "azure.signalr.connection-string=@Microsoft.KeyVault(SecretUri=" + vault.vaultUri() + "secrets/" + secret
				+ "/)";
	}

	@Test
	void resolvesAReferenceAtStartUp() {
		String connectionString = TrustedVault.connectionString("east.service.signalr.net");
		vault.secrets().set("resolved", connectionString);
		this.contextRunner.withPropertyValues(reference("resolved")).run((context) -> {
			ServiceEndpoint endpoint = context.getBean(ServiceEndpointRegistry.class).find(UNNAMED).orElseThrow();
			assertThat(endpoint.accessKey().id()).isEqualTo(AccessKey.of(keyOf(connectionString)).id());
			assertThat(endpoint.endpoint()).hasToString("https://east.service.signalr.net");
		});
	}

	@Test
	void resolvesAPinnedVersion() {
		String first = TrustedVault.connectionString("east.service.signalr.net");
		SecretVersion pinned = vault.secrets().set("pinned", first);
		vault.secrets().set("pinned", TrustedVault.connectionString("east.service.signalr.net"));
		this.contextRunner
			.withPropertyValues("azure.signalr.connection-string.east=@Microsoft.KeyVault(SecretUri=" + vault.vaultUri()
					+ "secrets/pinned/" + pinned.version() + ")")
			.run((context) -> assertThat(context.getBean(ServiceEndpointRegistry.class)
				.find(new EndpointId("east", EndpointType.PRIMARY))
				.orElseThrow()
				.accessKey()
				.id()).isEqualTo(AccessKey.of(keyOf(first)).id()));
	}

	@Test
	void unknownSecretFailsStartUpNamingThePropertyAndTheSecret() {
		this.contextRunner.withPropertyValues(reference("missing")).run((context) -> {
			assertThat(context).hasFailed();
			InvalidEndpointPropertyException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("azure.signalr.connection-string");
			assertThat(failure.getMessage()).contains("secrets/missing").contains("does not exist");
		});
	}

	@Test
	void malformedReferenceFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("azure.signalr.connection-string.west.secondary=@Microsoft.KeyVault("
				+ "VaultName=myvault)").run((context) -> {
					assertThat(context).hasFailed();
					InvalidEndpointPropertyException failure = rootCause(context.getStartupFailure());
					assertThat(failure.getProperty()).isEqualTo("azure.signalr.connection-string.west.secondary");
					assertThat(failure.getProblem()).contains("missing SecretName");
				});
	}

	@Test
	void aReferenceToAHostOutsideAzuresCloudsFailsStartUpBeforeAnyCall() {
		int before = InMemorySecrets.calls.get();
		this.plainRunner.withUserConfiguration(InMemorySecretsConfiguration.class)
			.withPropertyValues("azure.signalr.connection-string.east=@Microsoft.KeyVault("
					+ "SecretUri=https://vault.example.com/secrets/signalr/)")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidEndpointPropertyException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("azure.signalr.connection-string.east");
				assertThat(failure.getProblem()).contains("'vault.example.com' is not a vault of an Azure cloud")
					.contains("azure.signalr.key-vault.allowed-hosts");
				assertThat(InMemorySecrets.calls).hasValue(before);
			});
	}

	@Test
	void aReferenceToAManagedHsmFailsStartUpSayingItHoldsNoSecrets() {
		this.plainRunner.withUserConfiguration(InMemorySecretsConfiguration.class)
			.withPropertyValues("azure.signalr.connection-string=@Microsoft.KeyVault("
					+ "SecretUri=https://myhsm.managedhsm.azure.net/secrets/signalr/)")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()).getProblem())
				.contains("Managed HSM, which holds keys, not secrets"));
	}

	@Test
	void theLocalVaultIsRefusedUnlessItsHostIsAllowed() {
		vault.secrets().set("not-allowed", TrustedVault.connectionString("east.service.signalr.net"));
		this.contextRunner.withPropertyValues(reference("not-allowed"), "azure.signalr.key-vault.allowed-hosts=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()).getProblem())
					.contains("'localhost' is not a vault of an Azure cloud");
			});
	}

	@Test
	void anAllowedHostThatIsNoHostFailsStartUpNamingTheProperty() {
		this.plainRunner.withUserConfiguration(InMemorySecretsConfiguration.class)
			.withPropertyValues(IN_MEMORY_REFERENCE, "azure.signalr.key-vault.allowed-hosts=https://vault.example.com/")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("azure.signalr.key-vault.allowed-hosts")
					.hasMessageContaining("'https://vault.example.com/' is not a host name");
			});
	}

	@Test
	@SuppressWarnings("unchecked")
	void challengeVerificationIsOffOnlyOnTheStartersClientForTheAllowedLoopbackVault() {
		vault.secrets().set("own-client", TrustedVault.connectionString("east.service.signalr.net"));
		this.contextRunner.withPropertyValues(reference("own-client")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getEnvironment()
				.containsProperty("spring.cloud.azure.keyvault.secret.challenge-resource-verification-enabled"))
				.isFalse();
			// Another client of the application, with the same customizers, still verifies the challenge. Another
			// vault, since the SDK caches an accepted challenge per host and port for every client of the JVM.
			KeyVaultEmulator other = anotherVault.keyVault();
			other.secrets().set("own-client", TrustedVault.connectionString("east.service.signalr.net"));
			SecretClientBuilder builder = new SecretClientBuilder().vaultUrl(other.vaultUri().toString());
			context.getBeanProvider(ResolvableType.forClassWithGenerics(AzureServiceClientBuilderCustomizer.class,
					SecretClientBuilder.class))
				.orderedStream()
				.forEach((customizer) -> ((AzureServiceClientBuilderCustomizer<SecretClientBuilder>) customizer)
					.customize(builder));
			// Trusting the other vault's certificate, as the context's customizer trusts the first one's.
			TrustedVault.customizer(() -> other).customize(builder);
			SecretClient client = builder.buildClient();
			assertThatException().isThrownBy(() -> client.getSecret("own-client"))
				.withMessageContaining("does not match the requested domain");
		});
	}

	@Test
	void theStartersClientUsesSpringCloudAzuresDefaultCredential() {
		vault.secrets().set("default-credential", TrustedVault.connectionString("east.service.signalr.net"));
		List<String> scopes = new CopyOnWriteArrayList<>();
		TokenCredential credential = (request) -> {
			scopes.addAll(request.getScopes());
			return Mono.just(new AccessToken("default", OffsetDateTime.now().plusHours(1)));
		};
		this.plainRunner
			.withPropertyValues(reference("default-credential"), "azure.signalr.key-vault.allowed-hosts=localhost")
			.withBean("springCloudAzureDefaultCredential", TokenCredential.class, () -> credential)
			.withBean(AzureServiceClientBuilderCustomizer.class, () -> TrustedVault.trustOnly(() -> vault))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(scopes).contains("https://vault.azure.net/.default");
			});
	}

	@Test
	void garbageSecretFailsStartUpWithoutShowingIt(CapturedOutput output) {
		String garbage = "Endpoint=https://x.service.signalr.net;AccessKey=" + TrustedVault.newKey() + ";Version=9;";
		vault.secrets().set("garbage-at-start", garbage);
		this.contextRunner.withPropertyValues(reference("garbage-at-start")).run((context) -> {
			assertThat(context).hasFailed();
			InvalidEndpointPropertyException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProblem()).contains("secrets/garbage-at-start")
				.contains("no usable version")
				.contains("refused")
				.contains("Version");
			assertThat(failure.getMessage()).doesNotContain(keyOf(garbage));
		});
		assertThat(output.getAll()).doesNotContain(keyOf(garbage));
	}

	@Test
	void followsANewVersionWithOneListCallPerUnchangedPoll(CapturedOutput output) {
		vault.secrets().set("followed", TrustedVault.connectionString("east.service.signalr.net"));
		this.contextRunner.withPropertyValues(reference("followed"), "azure.signalr.key-vault.refresh-interval=200ms")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				RecordedRequests requests = context.getBean(RecordedRequests.class);
				requests.paths.clear();
				Thread.sleep(1000);
				// Unchanged: only list calls, no value read.
				assertThat(requests.paths).isNotEmpty().allMatch((path) -> path.endsWith("/versions"));
				String before = registry.find(UNNAMED).orElseThrow().accessKey().id();
				String next = TrustedVault.connectionString("east.service.signalr.net");
				TrustedVault.awaitNextSecond();
				vault.secrets().set("followed", next);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> registry.find(UNNAMED).orElseThrow().accessKey().id(),
							(id) -> id.equals(AccessKey.of(keyOf(next)).id()));
				List<ServiceEndpointsChangedEvent> events = context.getBean(Events.class).events;
				assertThat(events).anySatisfy((event) -> assertThat(event.changed()).singleElement()
					.satisfies((change) -> assertThat(change.keyChanged()).isTrue()));
				KeyRotationStatus.EndpointKeyStatus status = context.getBean(KeyRotationStatus.class)
					.get(UNNAMED)
					.orElseThrow();
				assertThat(status.previousKeyId()).isEqualTo(before);
				assertThat(status.previousKeySafeToRegenerateAt()).isEqualTo(status.since().plus(Duration.ofHours(1)));
			});
		assertThat(KEY_PATTERN.matcher(output.getAll()).find()).isFalse();
	}

	@Test
	void refusesAGarbageValueAndKeepsTheLastGoodKey(CapturedOutput output) {
		vault.secrets().set("garbage-later", TrustedVault.connectionString("east.service.signalr.net"));
		this.contextRunner.withPropertyValues(reference("garbage-later"), "azure.signalr.key-vault.refresh-interval=200ms")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				KeyVaultSecretWatcher watcher = context.getBean(KeyVaultSecretWatcher.class);
				ServiceEndpoint before = registry.find(UNNAMED).orElseThrow();
				TrustedVault.awaitNextSecond();
				vault.secrets().set("garbage-later", "AccessKey=" + TrustedVault.newKey() + ";Version=1.0");
				await().atMost(Duration.ofSeconds(5)).until(() -> watcher.rejectedValues() == 1);
				Thread.sleep(600);
				// Refused once, not at every poll.
				assertThat(watcher.rejectedValues()).isEqualTo(1);
				assertThat(registry.find(UNNAMED)).contains(before);
				assertThat(watcher.status()).singleElement()
					.satisfies((status) -> assertThat(status.lastError()).contains("refused").contains("Endpoint"));
			});
		assertThat(output.getAll()).contains("Refused version");
		assertThat(KEY_PATTERN.matcher(output.getAll()).find()).isFalse();
	}

	@Test
	void refreshOnDemandFollowsAtOnceAsAfterA401() {
		vault.secrets().set("forced", TrustedVault.connectionString("east.service.signalr.net"));
		this.contextRunner.withPropertyValues(reference("forced"), "azure.signalr.key-vault.refresh-interval=10m")
			.run((context) -> {
				KeyVaultSecretWatcher watcher = context.getBean(KeyVaultSecretWatcher.class);
				String next = TrustedVault.connectionString("east.service.signalr.net");
				TrustedVault.awaitNextSecond();
				vault.secrets().set("forced", next);
				assertThat(watcher.refresh(UNNAMED)).get()
					.satisfies((endpoint) -> assertThat(endpoint.accessKey().id())
						.isEqualTo(AccessKey.of(keyOf(next)).id()));
				assertThat(context.getBean(io.github.springsignalr.endpoint.internal.EndpointKeyRefresher.class))
					.isSameAs(watcher);
			});
	}

	@Test
	void switchesToAStagedVersionAtItsActivationInstant() {
		String current = TrustedVault.connectionString("east.service.signalr.net");
		String staged = TrustedVault.connectionString("east.service.signalr.net");
		vault.secrets().set("staged", current);
		// The vault keeps whole seconds: stage at a whole second at least 3 s away.
		Instant activation = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
		vault.secrets().set("staged", staged, SecretAttributes.none().withNotBefore(activation));
		// A poll cannot be what switches: the next one is ten minutes away.
		this.contextRunner.withPropertyValues(reference("staged"), "azure.signalr.key-vault.refresh-interval=10m")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				assertThat(registry.find(UNNAMED).orElseThrow().accessKey().id())
					.isEqualTo(AccessKey.of(keyOf(current)).id());
				assertThat(context.getBean(KeyRotationStatus.class).get(UNNAMED).orElseThrow().staged().activatesAt())
					.isEqualTo(activation);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> registry.find(UNNAMED).orElseThrow().accessKey().id(),
							(id) -> id.equals(AccessKey.of(keyOf(staged)).id()));
				ServiceEndpointsChangedEvent event = context.getBean(Events.class).events.get(0);
				Duration late = Duration.between(activation, event.timestamp());
				System.out.println("Staged activation: switched " + late.toMillis() + " ms after nbf");
				assertThat(late.isNegative()).isFalse();
				assertThat(late).isLessThanOrEqualTo(Duration.ofSeconds(1));
				// The status is told after the registry has switched: wait for it rather than race it.
				await().atMost(Duration.ofSeconds(5))
					.until(() -> context.getBean(KeyRotationStatus.class).get(UNNAMED).orElseThrow().staged() == null);
			});
	}

	@Test
	void takesTheEndpointOfflineWhenNoVersionIsValidAnyMore(CapturedOutput output) {
		Instant expiry = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
		vault.secrets()
			.set("expiring", TrustedVault.connectionString("east.service.signalr.net"),
					SecretAttributes.none().withExpiresOn(expiry));
		this.contextRunner.withPropertyValues(reference("expiring"), "azure.signalr.key-vault.refresh-interval=10m")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				await().atMost(Duration.ofSeconds(6)).until(() -> !registry.find(UNNAMED).orElseThrow().online());
				assertThat(registry.find(UNNAMED).orElseThrow().accessKey()).as("the expired key is gone").isNull();
				// A healthy service does not bring back an endpoint that has no valid key.
				new EndpointHealthChecker(registry, (endpoint) -> true).checkAll();
				assertThat(registry.find(UNNAMED).orElseThrow().online()).isFalse();
				vault.secrets().set("expiring", TrustedVault.connectionString("east.service.signalr.net"));
				context.getBean(KeyVaultSecretWatcher.class).refresh(UNNAMED);
				assertThat(registry.find(UNNAMED).orElseThrow().online()).isTrue();
				assertThat(registry.find(UNNAMED).orElseThrow().accessKey()).isNotNull();
			});
		assertThat(output.getAll()).contains("has no usable version");
	}

	@Test
	void anExpiredKeyIsNotKeptWhenTheNewestVersionIsRefused(CapturedOutput output) {
		// The older valid version, the expiring one in use, then garbage written while the application runs.
		String older = TrustedVault.connectionString("east.service.signalr.net");
		String expiring = TrustedVault.connectionString("east.service.signalr.net");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant expiry = now.plusSeconds(4);
		vault.secrets().set("refused-then-expiring", older, SecretAttributes.none().withNotBefore(now.minusSeconds(3600)));
		SecretVersion inUse = vault.secrets()
			.set("refused-then-expiring", expiring,
					SecretAttributes.none().withNotBefore(now.minusSeconds(60)).withExpiresOn(expiry));
		this.contextRunner
			.withPropertyValues(reference("refused-then-expiring"), "azure.signalr.key-vault.refresh-interval=10m")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				KeyVaultSecretWatcher watcher = context.getBean(KeyVaultSecretWatcher.class);
				assertThat(keyId(registry)).isEqualTo(AccessKey.of(keyOf(expiring)).id());
				TrustedVault.awaitNextSecond();
				SecretVersion garbage = vault.secrets()
					.set("refused-then-expiring", "Endpoint=https://east.service.signalr.net;Version=1.0;");
				watcher.refresh(UNNAMED);
				assertThat(watcher.rejectedValues()).isEqualTo(1);
				assertThat(keyId(registry)).isEqualTo(AccessKey.of(keyOf(expiring)).id());
				// What takes over at the expiry is the older valid version, never the refused one.
				KeyRotationStatus.StagedKey staged = context.getBean(KeyRotationStatus.class)
					.get(UNNAMED)
					.orElseThrow()
					.staged();
				assertThat(staged).isNotNull();
				assertThat(staged.source()).doesNotContain(garbage.version()).doesNotContain(inUse.version());
				assertThat(staged.activatesAt()).isEqualTo(expiry);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> keyId(registry), AccessKey.of(keyOf(older)).id()::equals);
				assertThat(registry.find(UNNAMED).orElseThrow().online()).isTrue();
			});
		assertThat(output.getAll()).contains("Refused version");
		assertThat(KEY_PATTERN.matcher(output.getAll()).find()).isFalse();
	}

	@Test
	void aSecondInstanceStartsOnTheNewestValidVersionWhileGarbageIsNewest(CapturedOutput output) {
		String good = TrustedVault.connectionString("east.service.signalr.net");
		vault.secrets().set("garbage-newest", good);
		this.contextRunner.withPropertyValues(reference("garbage-newest"), "azure.signalr.key-vault.refresh-interval=10m")
			.run((running) -> {
				TrustedVault.awaitNextSecond();
				SecretVersion garbage = vault.secrets()
					.set("garbage-newest", "AccessKey=" + TrustedVault.newKey() + ";Version=1.0;");
				running.getBean(KeyVaultSecretWatcher.class).refresh(UNNAMED);
				// A second instance, as a scale-out or a restart starts it while the garbage is the newest version.
				this.contextRunner
					.withPropertyValues(reference("garbage-newest"), "azure.signalr.key-vault.refresh-interval=10m")
					.run((second) -> {
						assertThat(second).hasNotFailed();
						ServiceEndpointRegistry registry = second.getBean(ServiceEndpointRegistry.class);
						assertThat(keyId(registry)).isEqualTo(AccessKey.of(keyOf(good)).id());
						assertThat(registry.find(UNNAMED).orElseThrow().online()).isTrue();
						KeyRefreshStatus status = second.getBean(KeyRefreshStatusSource.class)
							.refreshStatus(registry.find(UNNAMED).orElseThrow())
							.orElseThrow();
						assertThat(status.refusedVersions()).containsExactly(garbage.version());
						assertThat(status.lastError()).contains(garbage.version()).contains("refused");
						Health health = ((HealthIndicator) new SignalREndpointsHealthContributor(registry,
								second.getBean(KeyRotationStatus.class), second.getBean(KeyRefreshStatusSource.class),
								Clock.systemUTC())
							.getContributor("primary")).health();
						assertThat(health.getDetails()).containsEntry("refusedVersions", List.of(garbage.version()));
					});
				assertThat(output.getAll()).contains("Skipped version " + garbage.version())
					.contains("secrets/garbage-newest");
			});
		assertThat(KEY_PATTERN.matcher(output.getAll()).find()).isFalse();
	}

	@Test
	void startsOfflineWithoutTheVaultWhenToldToAndComesOnlineOnceItAnswers() {
		// The extension's vault, down until the test starts it again on the same port.
		URI vaultUri = vault.vaultUri();
		vault.close();
		String connectionString = TrustedVault.connectionString("east.service.signalr.net");
		try {
			this.contextRunner
				.withPropertyValues("azure.signalr.connection-string=@Microsoft.KeyVault(SecretUri=" + vaultUri
						+ "secrets/later/)", "azure.signalr.key-vault.fail-fast=false",
						"azure.signalr.key-vault.refresh-interval=2s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
					ServiceEndpoint offline = registry.find(UNNAMED).orElseThrow();
					assertThat(offline.online()).isFalse();
					assertThat(offline.accessKey()).isNull();
					KeyRefreshStatus status = context.getBean(KeyRefreshStatusSource.class)
						.refreshStatus(offline)
						.orElseThrow();
					assertThat(status.lastRefresh()).isNull();
					assertThat(status.lastError()).contains("could not be listed");
					vault.start();
					vault.secrets().set("later", connectionString);
					await().atMost(Duration.ofSeconds(10)).until(() -> registry.find(UNNAMED).orElseThrow().online());
					assertThat(keyId(registry)).isEqualTo(AccessKey.of(keyOf(connectionString)).id());
					assertThat(registry.find(UNNAMED).orElseThrow().endpoint())
						.hasToString("https://east.service.signalr.net");
				});
		}
		finally {
			if (!vault.isRunning()) {
				vault.start();
			}
		}
	}

	@Test
	void failsStartUpWithoutTheVaultByDefault() {
		// The extension's vault, down for this test.
		URI vaultUri = vault.vaultUri();
		vault.close();
		try {
			this.contextRunner
				.withPropertyValues("azure.signalr.connection-string=@Microsoft.KeyVault(SecretUri=" + vaultUri
						+ "secrets/never/)")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(rootCause(context.getStartupFailure()).getProblem()).contains("could not be listed")
						.contains("3 attempts");
				});
		}
		finally {
			vault.start();
		}
	}

	@Test
	void aForbiddenListingFailsStartUpNamingTheListPermission() {
		vault.secrets().set("not-listable", TrustedVault.connectionString("east.service.signalr.net"));
		vault.deny("list");
		try {
			this.contextRunner.withPropertyValues(reference("not-listable")).run((context) -> {
				assertThat(context).hasFailed();
				InvalidEndpointPropertyException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getProblem()).contains("List permission")
					.contains("List and Get secret permissions")
					.contains("secrets/not-listable");
			});
		}
		finally {
			vault.allowAll();
		}
	}

	@Test
	void aPollCostsOneListCallPerPageAndNoReadOnceAValueIsKnown() throws Exception {
		for (int i = 0; i < 29; i++) {
			vault.secrets().set("thirty", TrustedVault.connectionString("east.service.signalr.net"));
		}
		// The thirtieth version is staged an hour away: its value is read once, ahead of its activation.
		vault.secrets()
			.set("thirty", TrustedVault.connectionString("east.service.signalr.net"),
					SecretAttributes.none().withNotBefore(Instant.now().plusSeconds(3600)));
		this.contextRunner.withPropertyValues(reference("thirty"), "azure.signalr.key-vault.refresh-interval=10m")
			.run((context) -> {
				KeyVaultSecretWatcher watcher = context.getBean(KeyVaultSecretWatcher.class);
				RecordedRequests requests = context.getBean(RecordedRequests.class);
				assertThat(context.getBean(KeyRotationStatus.class).get(UNNAMED).orElseThrow().staged()).isNotNull();
				requests.paths.clear();
				int polls = 3;
				for (int i = 0; i < polls; i++) {
					Thread.sleep(5);
					watcher.refresh(UNNAMED);
				}
				System.out.println("Key Vault calls for " + polls + " polls of 30 versions, one staged: "
						+ requests.paths.size());
				// 30 versions are two pages of 25 at most; the staged value is not read again.
				assertThat(requests.paths).hasSize(2 * polls).allMatch((path) -> path.endsWith("/versions"));
			});
	}

	@Test
	void backsOffToAUserKeyVaultSecrets() {
		this.plainRunner.withUserConfiguration(InMemorySecretsConfiguration.class)
			.withPropertyValues(IN_MEMORY_REFERENCE)
			.run((context) -> {
				assertThat(context).hasSingleBean(KeyVaultSecrets.class)
					.hasSingleBean(KeyVaultSecretWatcher.class)
					.getBean(KeyVaultSecrets.class)
					.isInstanceOf(InMemorySecrets.class);
				assertThat(context.getBean(ServiceEndpointRegistry.class).find(UNNAMED).orElseThrow().accessKey().id())
					.isEqualTo(AccessKey.of(keyOf(InMemorySecrets.CONNECTION_STRING)).id());
			});
	}

	@Test
	void backsOffToAUserWatcher() {
		this.plainRunner.withUserConfiguration(InMemorySecretsConfiguration.class, UserWatcherConfiguration.class)
			.withPropertyValues(IN_MEMORY_REFERENCE)
			.run((context) -> assertThat(context).hasSingleBean(KeyVaultSecretWatcher.class)
				.hasBean("userWatcher")
				.doesNotHaveBean("signalRKeyVaultSecretWatcher"));
	}

	@Test
	void withoutTheKeyVaultClientMakesNoKeyVaultBeans() {
		this.plainRunner.withClassLoader(new FilteredClassLoader(SecretClient.class))
			.withPropertyValues("azure.signalr.connection-string=" + InMemorySecrets.CONNECTION_STRING)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ServiceEndpointRegistry.class)
				.doesNotHaveBean(KeyVaultSecrets.class)
				.doesNotHaveBean(KeyVaultConnectionStringResolver.class)
				.doesNotHaveBean(KeyVaultSecretWatcher.class)
				.doesNotHaveBean(KeyVaultHosts.class));
	}

	@Test
	void withoutTheKeyVaultClientAReferenceFailsStartUpNamingTheMissingDependency() {
		this.plainRunner.withClassLoader(new FilteredClassLoader(SecretClient.class))
			.withPropertyValues(IN_MEMORY_REFERENCE)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()).getProblem())
					.contains("Key Vault support is missing")
					.contains("spring-cloud-azure-starter-keyvault-secrets");
			});
	}

	@Test
	void switchedOffWithTheStarter() {
		this.plainRunner.withUserConfiguration(InMemorySecretsConfiguration.class)
			.withPropertyValues("azure.signalr.enabled=false",
					IN_MEMORY_REFERENCE)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KeyVaultConnectionStringResolver.class)
				.doesNotHaveBean(KeyVaultSecretWatcher.class)
				.doesNotHaveBean(ServiceEndpointRegistry.class));
	}

	private static String keyId(ServiceEndpointRegistry registry) {
		AccessKey key = registry.find(UNNAMED).orElseThrow().accessKey();
		return (key != null) ? key.id() : null;
	}

	private static String keyOf(String connectionString) {
		String start = connectionString.substring(connectionString.indexOf("AccessKey=") + "AccessKey=".length());
		return start.substring(0, start.indexOf(';'));
	}

	private static InvalidEndpointPropertyException rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidEndpointPropertyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an InvalidEndpointPropertyException in the causes").isNotNull();
		return (InvalidEndpointPropertyException) cause;
	}

	static final class Events {

		final List<ServiceEndpointsChangedEvent> events = new CopyOnWriteArrayList<>();

	}

	static final class RecordedRequests {

		final List<String> paths = new CopyOnWriteArrayList<>();

	}

	/** A vault of one secret with one version, in memory. */
	static final class InMemorySecrets implements KeyVaultSecrets {

		static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey="
				+ "aW4tbWVtb3J5LXNlY3JldHMtZm9yLXRlc3RzLW9ubHktLS0=;Version=1.0;";

		static final AtomicInteger calls = new AtomicInteger();

		@Override
		public List<SecretVersionProperties> versions(KeyVaultReference reference) {
			calls.incrementAndGet();
			return List.of(new SecretVersionProperties("v1", true, null, null, Instant.parse("2026-01-01T00:00:00Z")));
		}

		@Override
		public String value(KeyVaultReference reference, String version) {
			calls.incrementAndGet();
			return CONNECTION_STRING;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemorySecretsConfiguration {

		@Bean
		KeyVaultSecrets inMemorySecrets() {
			return new InMemorySecrets();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWatcherConfiguration {

		@Bean
		KeyVaultSecretWatcher userWatcher(KeyVaultSecrets secrets, ServiceEndpointRegistry registry) {
			return new KeyVaultSecretWatcher(secrets, registry, List.of(), Duration.ofMinutes(5), Clock.systemUTC(),
					null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class VaultConfiguration {

		@Bean
		AzureServiceClientBuilderCustomizer<SecretClientBuilder> trustTheVault(RecordedRequests requests) {
			AzureServiceClientBuilderCustomizer<SecretClientBuilder> trust = TrustedVault.customizer(() -> vault);
			return (builder) -> {
				trust.customize(builder);
				builder.addPolicy((callContext, next) -> {
					requests.paths.add(callContext.getHttpRequest().getUrl().getPath());
					return next.process();
				});
			};
		}

		@Bean
		RecordedRequests recordedRequests() {
			return new RecordedRequests();
		}

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		ApplicationListener<PayloadApplicationEvent<ServiceEndpointsChangedEvent>> eventRecorder(Events events) {
			return ApplicationListener.forPayload(events.events::add);
		}

	}

}

package io.github.springsignalr.keyvault.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.github.springsignalr.testsupport.MovableClock;
import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ResolvedConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.entra.internal.EntraHostPolicy;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key-set histories as a table, from start-up to a later poll: the versions as start-up lists them, the versions as a
 * later poll lists them, and what the endpoint then signs with, whether it is online, and what the actuator announces
 * as staged. Start-up goes through the {@link KeyVaultConnectionStringResolver}, the poll through the
 * {@link KeyVaultSecretWatcher}, both over a vault in memory (the {@link KeyVaultSecrets} boundary) on a clock the test
 * moves.
 * <p>
 * A version is written {@code id:value:enabled:nbf:exp:created}, dates in hours from start-up ({@code -} for none),
 * the value {@code g} for a valid connection string (a key of its own), {@code x} for one that does not parse,
 * {@code u} for one the vault fails to return (as when it is throttled), {@code f}, {@code h} and {@code l} for
 * Microsoft Entra connection strings to a foreign host, over http to the service's host, and to {@code localhost}.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeySetRolloverTests {

	private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private static final String REFERENCE = "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/east/)";

	/** The rest of a Microsoft Entra connection string, whose token must go to the service's hosts only. */
	private static final String ENTRA = "AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=s;Version=1.0;";

	private final MovableClock clock = new MovableClock(START);

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private KeyVaultSecretWatcher watcher;

	static Stream<Arguments> histories() {
		return Stream.of(
				// situation, versions at start-up, versions at the later poll, hours later, active then, online, staged
				Arguments.of("refused newest: start on the newest valid one", "a:g:y:-:-:-5 b:x:y:-:-:-1", "same", 0,
						"a", true, null),
				Arguments.of("refused newest among three: skip only it", "a:g:y:-:-:-9 b:g:y:-:-:-5 c:x:y:-:-:-1", "same",
						1, "b", true, null),
				Arguments.of("refused newest, then a valid one is added", "a:g:y:-:-:-9 b:x:y:-:-:-1",
						"a:g:y:-:-:-9 b:x:y:-:-:-1 c:g:y:-:-:1", 2, "c", true, null),
				Arguments.of("refused most recently activated, then the expiring one lapses: fall back to the older",
						"o:g:y:-:-:-10 v:g:y:-2:+1:-1 r:x:y:-1:-:-3", "same", 2, "o", true, null),
				Arguments.of("refused while running, then the expiring one lapses: fall back to the older",
						"o:g:y:-:-:-10 v:g:y:-2:+1:-1", "o:g:y:-:-:-10 v:g:y:-2:+1:-1 r:x:y:-1:-:1", 2, "o", true, null),
				Arguments.of("refused, then the expiring one lapses and nothing is left: offline, no key",
						"v:g:y:-2:+1:-1 r:x:y:-1:-:-3", "same", 2, null, false, null),
				Arguments.of("refused version staged: never announced", "a:g:y:-:-:-5 s:x:y:+3:-:-1", "same", 1, "a",
						true, null),
				Arguments.of("valid version staged: announced", "a:g:y:-:-:-5 s:g:y:+3:-:-1", "same", 1, "a", true,
						"s"),
				Arguments.of("tie within one second, the greater id refused: the one that parses",
						"a:g:y:-:-:-1 b:x:y:-:-:-1", "same", 0, "a", true, null),
				Arguments.of("tie within one second, the lesser id refused: the one that parses",
						"a:x:y:-:-:-1 b:g:y:-:-:-1", "same", 0, "b", true, null),
				Arguments.of("tie within one second, both valid: the greater id, listed first",
						"b:g:y:-:-:-1 a:g:y:-:-:-1", "same", 0, "b", true, null),
				Arguments.of("tie within one second, both valid: the greater id, listed last",
						"a:g:y:-:-:-1 b:g:y:-:-:-1", "same", 0, "b", true, null),
				Arguments.of("tie set while running: the greater id, whatever the listing order",
						"a:g:y:-:-:-5", "c:g:y:-:-:1 a:g:y:-:-:-5 b:g:y:-:-:1", 2, "c", true, null),
				Arguments.of("disabled active version: back to the one before", "a:g:y:-:-:-5 b:g:y:-:-:-1",
						"a:g:n:-:-:-5 b:g:n:-:-:-1 c:g:y:-:-:-9", 1, "c", true, null),
				Arguments.of("disabled active version, nothing else: offline, no key", "a:g:y:-:-:-5",
						"a:g:n:-:-:-5", 1, null, false, null),
				Arguments.of("expired key whose successor cannot be read: offline, no key", "v:g:y:-2:+1:-1",
						"v:g:y:-2:+1:-1 w:u:y:-:-:1", 2, null, false, null),
				Arguments.of("disabled active version beside a refused one: offline, no key",
						"a:g:y:-:-:-5 b:x:y:-:-:-1", "a:g:n:-:-:-5 b:x:y:-:-:-1", 1, null, false, null),
				Arguments.of("Entra version to a foreign host added while running: refused, the last good kept",
						"a:g:y:-:-:-5", "a:g:y:-:-:-5 f:f:y:-:-:1", 2, "a", true, null),
				Arguments.of("Entra version over http added while running: refused, the last good kept",
						"a:g:y:-:-:-5", "a:g:y:-:-:-5 h:h:y:-:-:1", 2, "a", true, null),
				Arguments.of("Entra version to a foreign host staged: never announced", "a:g:y:-:-:-5",
						"a:g:y:-:-:-5 f:f:y:+3:-:1", 2, "a", true, null));
	}

	@AfterEach
	void stop() {
		if (this.watcher != null) {
			this.watcher.stop();
		}
		this.scheduler.shutdown();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("histories")
	void activeVersionAndEndpointState(String situation, String atStart, String later, int hoursLater,
			String expectedActive, boolean expectedOnline, String expectedStaged) {
		InMemoryVault vault = new InMemoryVault(parse(atStart));
		KeyVaultConnectionStringResolver resolver = new KeyVaultConnectionStringResolver(vault, this.clock);
		ResolvedConnectionString resolved = resolver.resolve(EAST, REFERENCE);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
				List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, resolved.connectionString())), null,
				this.clock);
		KeyRotationStatus rotationStatus = new KeyRotationStatus(registry, Duration.ofHours(1), this.clock);
		this.watcher = new KeyVaultSecretWatcher(vault, registry, resolver.watched().values(), Duration.ofMinutes(10),
				this.clock, rotationStatus);
		this.scheduler.initialize();
		this.watcher.start(this.scheduler);
		if (!later.equals("same")) {
			vault.versions = parse(later);
		}
		this.clock.advance(Duration.ofHours(hoursLater));
		this.watcher.refresh(EAST);
		ServiceEndpoint endpoint = registry.find(EAST).orElseThrow();
		assertThat((endpoint.accessKey() != null) ? endpoint.accessKey().id() : null).as(situation)
			.isEqualTo((expectedActive != null) ? AccessKey.of(key(expectedActive)).id() : null);
		assertThat(endpoint.online()).as(situation + ": online").isEqualTo(expectedOnline);
		// Every value taken here is an access-key string of the service's host; a refused Entra value leaves no trace.
		assertThat(endpoint.connectionString().endpoint()).as(situation + ": endpoint")
			.isEqualTo(URI.create("https://east.service.signalr.net"));
		assertThat(endpoint.connectionString().authType()).as(situation + ": AuthType").isEqualTo(AuthType.ACCESS_KEY);
		KeyRotationStatus.StagedKey staged = rotationStatus.get(EAST).orElseThrow().staged();
		assertThat((staged != null) ? staged.source() : null).as(situation + ": staged")
			.isEqualTo((expectedStaged != null)
					? KeyVaultConnectionStringResolver.describe(KeyVaultReference.parse(REFERENCE), expectedStaged)
					: null);
	}

	@Test
	void anAllowedHostLetsAnEntraVersionThrough() {
		InMemoryVault vault = new InMemoryVault(parse("a:g:y:-:-:-5"));
		KeyVaultConnectionStringResolver resolver = new KeyVaultConnectionStringResolver(vault, this.clock);
		ResolvedConnectionString resolved = resolver.resolve(EAST, REFERENCE);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
				List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, resolved.connectionString())), null,
				this.clock);
		this.watcher = new KeyVaultSecretWatcher(vault, registry, resolver.watched().values(), Duration.ofMinutes(10),
				this.clock, null, SignalRListener.NONE, new EntraHostPolicy(List.of("localhost")));
		vault.versions = parse("a:g:y:-:-:-5 l:l:y:-:-:1 f:f:y:-:-:2");
		this.clock.advance(Duration.ofHours(3));
		this.watcher.refresh(EAST);
		ServiceEndpoint endpoint = registry.find(EAST).orElseThrow();
		assertThat(endpoint.connectionString().endpoint()).isEqualTo(URI.create("https://localhost:8443"));
		assertThat(endpoint.connectionString().authType()).isEqualTo(AuthType.AZURE_APP);
		assertThat(this.watcher.rejectedValues()).as("the newer foreign one").isEqualTo(1);
	}

	@Test
	void aBrokenTieIsLoggedOnceNamingTheSecretAndTheVersions(CapturedOutput output) {
		InMemoryVault vault = new InMemoryVault(parse("a:x:y:-:-:-1 b:g:y:-:-:-1 c:g:y:-:-:-1"));
		KeyVaultConnectionStringResolver resolver = new KeyVaultConnectionStringResolver(vault, this.clock);
		ResolvedConnectionString resolved = resolver.resolve(EAST, REFERENCE);
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
				List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, resolved.connectionString())), null,
				this.clock);
		this.watcher = new KeyVaultSecretWatcher(vault, registry, resolver.watched().values(), Duration.ofMinutes(10),
				this.clock, null);
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofMinutes(1));
			this.watcher.refresh(EAST);
		}
		assertThat(registry.find(EAST).orElseThrow().accessKey().id()).isEqualTo(AccessKey.of(key("c")).id());
		List<String> warnings = output.getAll().lines().filter((line) -> line.contains("same second")).toList();
		assertThat(warnings).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains("https://vault.vault.azure.net/secrets/east")
				.contains("versions a, b, c")
				.contains("version c was chosen"));
	}

	@Test
	void aTieBrokenByRefusingTheGreaterIdSaysSo(CapturedOutput output) {
		InMemoryVault vault = new InMemoryVault(parse("a:g:y:-:-:-1 b:x:y:-:-:-1"));
		KeyVaultConnectionStringResolver resolver = new KeyVaultConnectionStringResolver(vault, this.clock);
		resolver.resolve(EAST, REFERENCE);
		assertThat(output.getAll()).contains("Skipped version b")
			.contains("versions a, b set within the same second")
			.contains("version a was chosen as the one that parses");
	}

	private static List<Version> parse(String versions) {
		List<Version> parsed = new ArrayList<>();
		for (String version : versions.split(" ")) {
			String[] parts = version.split(":");
			parsed.add(new Version(new SecretVersionProperties(parts[0], parts[2].equals("y"), hours(parts[3]),
					hours(parts[4]), hours(parts[5])), parts[1].charAt(0)));
		}
		return parsed;
	}

	private static Instant hours(String text) {
		return text.equals("-") ? null : START.plusSeconds(Long.parseLong(text.replace("+", "")) * 3600);
	}

	/**
	 * A key of the version's own, the same at every call: 32 bytes from its id.
	 */
	static String key(String version) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("rollover-table-" + version).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Version(SecretVersionProperties properties, char value) {

	}

	/**
	 * One secret, listed in the order given; a disabled version cannot be read, as Key Vault answers 403.
	 */
	static final class InMemoryVault implements KeyVaultSecrets {

		volatile List<Version> versions;

		InMemoryVault(List<Version> versions) {
			this.versions = versions;
		}

		@Override
		public List<SecretVersionProperties> versions(KeyVaultReference reference) {
			return this.versions.stream().map(Version::properties).toList();
		}

		@Override
		public String value(KeyVaultReference reference, String version) {
			Version found = this.versions.stream()
				.filter((candidate) -> candidate.properties().version().equals(version))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("SecretNotFound: " + version));
			if (!found.properties().enabled()) {
				throw new IllegalStateException("Forbidden (SecretDisabled): version " + version + " is disabled");
			}
			if (found.value() == 'u') {
				throw new IllegalStateException("Too many requests: version " + version + " could not be read");
			}
			return switch (found.value()) {
				case 'g' -> "Endpoint=https://east.service.signalr.net;AccessKey=" + key(version) + ";Version=1.0;";
				case 'f' -> "Endpoint=https://evil.example.com;" + ENTRA;
				case 'h' -> "Endpoint=http://east.service.signalr.net;" + ENTRA;
				case 'l' -> "Endpoint=https://localhost;Port=8443;" + ENTRA;
				default -> "Endpoint=https://east.service.signalr.net;Version=1.0;";
			};
		}

	}

}

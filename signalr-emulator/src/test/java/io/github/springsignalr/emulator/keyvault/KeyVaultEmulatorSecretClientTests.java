package io.github.springsignalr.emulator.keyvault;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The real Azure SDK {@link SecretClient}, unchanged, against {@link KeyVaultEmulator} over HTTPS: the challenge flow,
 * versions with activation and expiry dates, attribute updates, disabled and unknown secrets.
 */
class KeyVaultEmulatorSecretClientTests {

	private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

	private static KeyVaultEmulator vault;

	private static SecretClient client;

	/** What the SDK sent, as seen after its authentication policy. */
	private static final List<SentRequest> sent = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startVault() throws Exception {
		vault = KeyVaultEmulator.start(0);
		client = secretClient(vault);
	}

	@AfterAll
	static void stopVault() {
		vault.close();
	}

	static SecretClient secretClient(KeyVaultEmulator vault) throws Exception {
		SslContext sslContext = SslContextBuilder.forClient().trustManager(vault.certificate()).build();
		HttpClient httpClient = new NettyAsyncHttpClientBuilder(
				reactor.netty.http.client.HttpClient.create().secure((spec) -> spec.sslContext(sslContext)))
			.build();
		// A unit boundary: the vault accepts any bearer token, so no identity provider is involved.
		TokenCredential credential = (request) -> Mono.just(new AccessToken("local-token", NOW.plusHours(1)));
		HttpPipelinePolicy recorder = (context, next) -> {
			HttpRequest request = context.getHttpRequest();
			sent.add(new SentRequest(request.getHttpMethod().name(),
					request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION) != null,
					request.getHeaders().getValue(HttpHeaderName.CONTENT_LENGTH)));
			return next.process();
		};
		return new SecretClientBuilder().vaultUrl(vault.vaultUri().toString())
			.credential(credential)
			.disableChallengeResourceVerification()
			.httpClient(httpClient)
			.addPolicy(recorder)
			.buildClient();
	}

	@Test
	void firstRequestGetsTheChallengeThenIsRetriedWithATokenAndItsBody() throws Exception {
		// A client of its own: the SDK caches challenges per vault authority for the whole JVM, so only a new vault
		// makes the SDK go through the challenge again.
		try (KeyVaultEmulator fresh = KeyVaultEmulator.start(0)) {
			sent.clear();
			KeyVaultSecret secret = secretClient(fresh).setSecret("challenged", "first-value");
			assertThat(secret.getValue()).isEqualTo("first-value");
			assertThat(sent).hasSize(2);
			assertThat(sent.get(0)).isEqualTo(new SentRequest("PUT", false, "0"));
			assertThat(sent.get(1).method()).isEqualTo("PUT");
			assertThat(sent.get(1).authorized()).isTrue();
			assertThat(Integer.parseInt(sent.get(1).contentLength())).isGreaterThan(0);
			assertThat(fresh.secrets().get("challenged")).get()
				.extracting(SecretVersion::value)
				.isEqualTo("first-value");
		}
	}

	@Test
	void challengeNamingAnotherHostIsRefusedUnlessVerificationIsDisabled() throws Exception {
		try (KeyVaultEmulator fresh = KeyVaultEmulator.start(0)) {
			SslContext sslContext = SslContextBuilder.forClient().trustManager(fresh.certificate()).build();
			SecretClient verifying = new SecretClientBuilder().vaultUrl(fresh.vaultUri().toString())
				.credential((request) -> Mono.just(new AccessToken("local-token", NOW.plusHours(1))))
				.httpClient(new NettyAsyncHttpClientBuilder(
						reactor.netty.http.client.HttpClient.create().secure((spec) -> spec.sslContext(sslContext)))
					.build())
				// The SDK would retry its own refusal three times, with back-off.
				.retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)))
				.buildClient();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> verifying.getSecret("any"))
				.withMessageContaining("does not match the requested domain");
		}
	}

	@Test
	void setsTwoVersionsWithDatesListsThemAndReadsEachByVersion() {
		KeyVaultSecret current = client.setSecret(new KeyVaultSecret("signalr-east", "Endpoint=https://one;")
			.setProperties(new SecretProperties().setNotBefore(NOW.minusDays(1))
				.setExpiresOn(NOW.plusDays(1))
				.setContentType("text/plain")
				.setTags(Map.of("key", "primary"))));
		KeyVaultSecret staged = client.setSecret(new KeyVaultSecret("signalr-east", "Endpoint=https://two;")
			.setProperties(new SecretProperties().setNotBefore(NOW.plusHours(1)).setExpiresOn(NOW.plusDays(30))));

		assertThat(current.getProperties().getVersion()).hasSize(32).isNotEqualTo(staged.getProperties().getVersion());
		assertThat(current.getId())
			.isEqualTo(vault.vaultUri() + "secrets/signalr-east/" + current.getProperties().getVersion());
		assertThat(client.listPropertiesOfSecretVersions("signalr-east"))
			.extracting(SecretProperties::getVersion, SecretProperties::getNotBefore, SecretProperties::getExpiresOn,
					SecretProperties::isEnabled)
			.containsExactlyInAnyOrder(
					tuple(current.getProperties().getVersion(), NOW.minusDays(1), NOW.plusDays(1), true),
					tuple(staged.getProperties().getVersion(), NOW.plusHours(1), NOW.plusDays(30), true));

		KeyVaultSecret first = client.getSecret("signalr-east", current.getProperties().getVersion());
		assertThat(first.getValue()).isEqualTo("Endpoint=https://one;");
		assertThat(first.getProperties().getContentType()).isEqualTo("text/plain");
		assertThat(first.getProperties().getTags()).containsExactly(Map.entry("key", "primary"));
		assertThat(first.getProperties().getCreatedOn()).isNotNull();
		assertThat(first.getProperties().getRecoveryLevel()).isEqualTo("Recoverable+Purgeable");
		assertThat(client.getSecret("signalr-east", staged.getProperties().getVersion()).getValue())
			.isEqualTo("Endpoint=https://two;");
		// Dates are informational: the latest version is returned before its activation date.
		KeyVaultSecret latest = client.getSecret("signalr-east");
		assertThat(latest.getProperties().getVersion()).isEqualTo(staged.getProperties().getVersion());
		assertThat(latest.getValue()).isEqualTo("Endpoint=https://two;");
	}

	@Test
	void updatesAttributesOfOneVersion() {
		KeyVaultSecret first = client.setSecret("signalr-west", "Endpoint=https://one;");
		client.setSecret("signalr-west", "Endpoint=https://two;");

		SecretProperties updated = client.updateSecretProperties(first.getProperties()
			.setNotBefore(NOW.minusHours(2))
			.setExpiresOn(NOW.plusHours(2))
			.setContentType("application/x-connection-string"));

		assertThat(updated.getVersion()).isEqualTo(first.getProperties().getVersion());
		assertThat(updated.getNotBefore()).isEqualTo(NOW.minusHours(2));
		assertThat(updated.getExpiresOn()).isEqualTo(NOW.plusHours(2));
		KeyVaultSecret read = client.getSecret("signalr-west", first.getProperties().getVersion());
		assertThat(read.getValue()).isEqualTo("Endpoint=https://one;");
		assertThat(read.getProperties().getNotBefore()).isEqualTo(NOW.minusHours(2));
		assertThat(read.getProperties().getContentType()).isEqualTo("application/x-connection-string");
		assertThat(vault.secrets().versions("signalr-west")).extracting(SecretVersion::expiresOn)
			.containsExactly(NOW.plusHours(2).toInstant(), null);
	}

	@Test
	void disabledVersionIsForbiddenButStillListedAndCanBeEnabledAgain() {
		KeyVaultSecret secret = client.setSecret("to-disable", "some-value");
		client.updateSecretProperties(secret.getProperties().setEnabled(false));

		assertThatExceptionOfType(ResourceModifiedException.class)
			.isThrownBy(() -> client.getSecret("to-disable", secret.getProperties().getVersion()))
			.satisfies((ex) -> {
				assertThat(ex.getResponse().getStatusCode()).isEqualTo(403);
				assertThat(ex.getMessage()).contains("\"code\":\"Forbidden\"")
					.contains("\"innererror\":{\"code\":\"SecretDisabled\"}")
					.doesNotContain("some-value");
			});
		assertThatExceptionOfType(HttpResponseException.class).isThrownBy(() -> client.getSecret("to-disable"))
			.satisfies((ex) -> assertThat(ex.getResponse().getStatusCode()).isEqualTo(403));
		assertThat(client.listPropertiesOfSecretVersions("to-disable")).singleElement()
			.satisfies((properties) -> assertThat(properties.isEnabled()).isFalse());

		client.updateSecretProperties(secret.getProperties().setEnabled(true));
		assertThat(client.getSecret("to-disable").getValue()).isEqualTo("some-value");
	}

	@Test
	void unknownSecretOrVersionIsNotFound() {
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> client.getSecret("never-set"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("SecretNotFound"));
		client.setSecret("known", "value");
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> client.getSecret("known", "00000000000000000000000000000000"));
	}

	@Test
	void listsVersionsAcrossPagesAndSecretsWithoutVersions() {
		for (int i = 0; i < 30; i++) {
			vault.secrets().set("many-versions", "value-" + i);
		}
		assertThat(client.listPropertiesOfSecretVersions("many-versions")).hasSize(30)
			.extracting(SecretProperties::getVersion)
			.doesNotHaveDuplicates();
		assertThat(client.listPropertiesOfSecrets()).filteredOn((properties) -> properties.getName().equals("many-versions"))
			.singleElement()
			.satisfies((properties) -> assertThat(properties.getVersion()).isNull());
	}

	@Test
	void secretSetInProcessIsServedAndTheOtherWayRound() {
		SecretVersion set = vault.secrets()
			.set("in-process", "from-the-store", SecretAttributes.none().withExpiresOn(NOW.plusDays(2).toInstant()));
		KeyVaultSecret read = client.getSecret("IN-PROCESS");
		assertThat(read.getValue()).isEqualTo("from-the-store");
		assertThat(read.getProperties().getVersion()).isEqualTo(set.version());
		assertThat(read.getProperties().getExpiresOn()).isEqualTo(NOW.plusDays(2));

		vault.secrets().update("in-process", set.version(), SecretAttributes.none().withEnabled(false));
		assertThatExceptionOfType(ResourceModifiedException.class).isThrownBy(() -> client.getSecret("in-process"));
	}

	@Test
	void deletesPurgesAndSetsAgain() {
		client.setSecret("short-lived", "value");
		var poller = client.beginDeleteSecret("short-lived");
		poller.setPollInterval(Duration.ofMillis(50));
		assertThat(poller.waitForCompletion().getStatus())
			.isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
		assertThat(client.getDeletedSecret("short-lived").getRecoveryId())
			.isEqualTo(vault.vaultUri() + "deletedsecrets/short-lived");
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> client.getSecret("short-lived"));
		assertThatExceptionOfType(ResourceModifiedException.class)
			.isThrownBy(() -> client.setSecret("short-lived", "again"));

		client.purgeDeletedSecret("short-lived");
		assertThat(client.setSecret("short-lived", "again").getValue()).isEqualTo("again");
	}

	@Test
	void noSecretValueIsLogged() {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(capture);
		try {
			KeyVaultSecret secret = client.setSecret("logged", "do-not-log-this-value");
			client.getSecret("logged");
			client.updateSecretProperties(secret.getProperties().setEnabled(false));
			assertThatExceptionOfType(ResourceModifiedException.class).isThrownBy(() -> client.getSecret("logged"));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		String logged = captured.toString(StandardCharsets.UTF_8);
		if (LoggerFactory.getLogger(SecretRoutes.class).isDebugEnabled()) {
			// The capture works: the vault's request lines were caught, and the value was not among them.
			assertThat(logged).contains("PUT /secrets/logged -> 200");
		}
		assertThat(logged).doesNotContain("do-not-log-this-value");
	}

	private record SentRequest(String method, boolean authorized, String contentLength) {

	}

}

package io.github.springsignalr.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.microsoft.signalr.HubConnection;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.test.EmulatedEntraApplication;
import io.github.springsignalr.test.SignalREmulatorCustomizer;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose only endpoint uses Microsoft Entra ID ({@code AuthType=azure.app}) receiving upstream events:
 * the emulated service authenticates them with its managed identity, whose token the Microsoft Entra ID emulator
 * issues for the resource of the upstream settings, and the application checks that token against the tenant's
 * published metadata and keys, fetched over HTTPS through an SSL bundle trusting the emulator. The service's
 * signature, made with access keys the application does not hold, proves nothing to it. Requests made by hand show
 * what is refused: no token, another audience, another tenant, an expired token, a token signed by another key or
 * with another algorithm.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class, EntraUpstreamEndToEndTests.UpstreamIdentity.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.upstream.entra.ssl-bundle=entra",
				"azure.signalr.upstream.entra.audience=" + EntraUpstreamEndToEndTests.RESOURCE,
				"logging.level.io.github.springsignalr.upstream=debug",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug" })
@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}", entra = true)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class EntraUpstreamEndToEndTests {

	/** The user of the connection whose requests are replayed with bearer tokens. */
	private static final String BEARER_USER = "dave";

	/** The audience of the upstream's tokens, {@code azure.signalr.upstream.entra.audience}. */
	static final String RESOURCE = "api://signalr-upstream-e2e";

	@Autowired
	private EntraEmulator entra;

	@Autowired
	private EmulatedEntraApplication application;

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	private String appUrl;

	private final List<String> tokens = new ArrayList<>();

	private HubConnection client;

	@BeforeEach
	void appUrl() {
		this.appUrl = ChatApplication.url(this.app);
	}

	@AfterEach
	void disconnect() {
		if (this.client != null) {
			this.client.stop().blockingAwait(10, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	@Test
	void genuineEventsAreAcceptedWithTheManagedIdentitysToken() throws Exception {
		ChatEvents events = this.app.getBean(ChatEvents.class);
		this.client = UpstreamEndToEndTests.connect(appUrl, "carol");
		String connectionId = this.client.getConnectionId();
		InvocationContext connected = events.next("connected", connectionId);
		assertThat(connected).as("the connected event").isNotNull();
		assertThat(connected.userId()).isEqualTo("carol");
		assertThat(connected.headers()).as("the token is not handed to the application's methods")
			.doesNotContainKey("authorization")
			.doesNotContainKey("Authorization");
		assertThat(this.client.invoke(String.class, "echo", "hi").blockingGet()).isEqualTo("hi!");
		assertThat(events.next("echo", connectionId)).as("the echo invocation").isNotNull();
	}

	@Test
	void tokensThatAreNotTheServicesAreRefused(CapturedOutput output) throws Exception {
		ChatEvents events = this.app.getBean(ChatEvents.class);
		this.client = UpstreamEndToEndTests.connect(appUrl, BEARER_USER);
		String connectionId = this.client.getConnectionId();
		assertThat(events.next("connected", connectionId)).isNotNull();
		String identity = this.service.upstreamIdentity().clientId();

		// A token of the service's identity for the resource, posted by hand: accepted, in either scheme case.
		String genuine = remember(this.entra.issueToken(this.application.tenantId(), identity, RESOURCE));
		HttpResponse<String> accepted = echo(connectionId, "Bearer " + genuine).send(appUrl);
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.body()).contains("\"result\":\"replayed!\"");
		assertThat(echo(connectionId, "bearer " + genuine).send(appUrl).statusCode()).isEqualTo(200);

		assertRefused(echo(connectionId, null), "no token");
		assertRefused(echo(connectionId, null).signedWith("c2lnbmVkLXdpdGgtYS1rZXktdGhlLWFwcC1kb2VzLW5vdDA="),
				"no token, a signature of a key the application does not hold");
		assertRefused(echo(connectionId, "Basic " + genuine), "the token in another scheme");
		assertRefused(echo(connectionId, "Bearer " + remember(this.entra.issueToken(this.application.tenantId(), identity, "api://other"))),
				"another audience");
		String otherTenant = UUID.randomUUID().toString();
		String stranger = this.entra.registerManagedIdentity(otherTenant);
		assertRefused(echo(connectionId, "Bearer " + remember(this.entra.issueToken(otherTenant, stranger, RESOURCE))),
				"another tenant, the same resource");
		assertRefused(echo(connectionId, "Bearer " + remember(this.entra.issueToken(this.application.tenantId(), identity, RESOURCE,
				Instant.now().minus(Duration.ofHours(2))))), "expired");
		String kid = SignedJWT.parse(genuine).getHeader().getKeyID();
		JWTClaimsSet claims = SignedJWT.parse(genuine).getJWTClaimsSet();
		RSAKey otherKey = new RSAKeyGenerator(2048).keyID(kid).generate();
		assertRefused(echo(connectionId, "Bearer " + remember(signed(claims, otherKey))),
				"the genuine claims signed by another key under the tenant's key id");
		RSAKey unknownKey = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
		assertRefused(echo(connectionId, "Bearer " + remember(signed(claims, unknownKey))),
				"the genuine claims signed by a key the tenant does not publish");
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
		hmac.sign(new MACSigner("an-hmac-secret-of-at-least-thirty-two-bytes"));
		assertRefused(echo(connectionId, "Bearer " + remember(hmac.serialize())), "HS256 instead of RS256");
		assertRefused(echo(connectionId, "Bearer not.a.token"), "not a JWT");

		// The resource's registration may make its tokens v1.0 ones: the v1.0 metadata names their issuer.
		this.entra.tokenVersion(RESOURCE, 1);
		try {
			String version1 = remember(this.entra.issueToken(this.application.tenantId(), identity, RESOURCE));
			assertThat(SignedJWT.parse(version1).getJWTClaimsSet().getStringClaim("ver")).isEqualTo("1.0");
			assertThat(echo(connectionId, "Bearer " + version1).send(appUrl).statusCode()).as("a v1.0 token")
				.isEqualTo(200);
		}
		finally {
			this.entra.tokenVersion(RESOURCE, 2);
		}

		assertThat(output.getAll()).contains("Refused an upstream bearer token")
			.contains("Refused an upstream request to /signalr/upstream/chat/messages/echo");
		LogScan.assertNoSecrets(output.getAll(), this.tokens);
		this.tokens.forEach((token) -> assertThat(output.getAll()).doesNotContain(token.substring(token.lastIndexOf('.'))));
	}

	private String remember(String token) {
		this.tokens.add(token);
		return token;
	}

	private static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
				claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static UpstreamRequest echo(String connectionId, String authorization) {
		return UpstreamRequest.echo("chat", connectionId, BEARER_USER).header("Authorization", authorization);
	}

	private void assertRefused(UpstreamRequest request, String what) throws Exception {
		HttpResponse<String> response = request.send(appUrl);
		assertThat(response.statusCode()).as(what).isEqualTo(401);
		assertThat(response.body()).as(what).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class UpstreamIdentity {

		@Bean
		SignalREmulatorCustomizer upstreamManagedIdentity(EntraEmulator entra, EmulatedEntraApplication application) {
			return (endpoint, builder) -> builder.upstreamManagedIdentity(entra, application.tenantId(), RESOURCE);
		}

		/**
		 * The SSL bundle through which the application fetches the tenant's metadata and keys trusts the emulator.
		 */
		@Bean
		SslBundleRegistrar entraTrustBundle(EntraEmulator entra) {
			return (registry) -> registry.registerBundle("entra",
					SslBundle.of(SslStoreBundle.of(null, null, entra.trustStore())));
		}

	}

}

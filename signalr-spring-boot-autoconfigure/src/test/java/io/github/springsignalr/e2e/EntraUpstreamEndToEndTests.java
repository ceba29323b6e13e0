package io.github.springsignalr.e2e;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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
import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.entra.SignalRCredentialBuilderCustomizer;
import io.github.springsignalr.entra.TrustedEntra;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.TestSocketUtils;

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
@ExtendWith(OutputCaptureExtension.class)
class EntraUpstreamEndToEndTests {

	/** The user of the connection whose requests are replayed with bearer tokens. */
	private static final String BEARER_USER = "dave";

	private static final String RESOURCE = "api://signalr-upstream-" + UUID.randomUUID();

	private static final String TENANT_ID = UUID.randomUUID().toString();

	private static final String CLIENT_ID = UUID.randomUUID().toString();

	private static final String CLIENT_SECRET = TrustedEntra.newClientSecret();

	private static EntraEmulator entra;

	private static SignalREmulator service;

	private static ConfigurableApplicationContext app;

	private static String appUrl;

	private static Path certificate;

	private final List<String> tokens = new ArrayList<>();

	private HubConnection client;

	@BeforeAll
	static void start() throws Exception {
		entra = EntraEmulator.start(0).registerApplication(TENANT_ID, CLIENT_ID, CLIENT_SECRET);
		certificate = entra.writeCertificatePem(Files.createTempFile("entra", ".pem"));
		int port = TestSocketUtils.findAvailableTcpPort();
		service = SignalREmulator.builder()
			.port(0)
			.entra(entra)
			.entraRoles(CLIENT_ID, SignalRRole.SERVICE_OWNER)
			.upstream("http://localhost:" + port + "/signalr/upstream/{hub}/{category}/{event}")
			.upstreamManagedIdentity(entra, TENANT_ID, RESOURCE)
			.build()
			.start();
		app = new SpringApplicationBuilder(ChatApplication.class, ChatEvents.class, EntraTrust.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=" + port, "spring.main.banner-mode=off",
					"azure.signalr.connection-string="
							+ service.entraConnectionString(TENANT_ID, CLIENT_ID, CLIENT_SECRET),
					"spring.cloud.azure.profile.environment.active-directory-endpoint=" + entra.authorityHost(),
					"azure.signalr.upstream.entra.audience=" + RESOURCE,
					// The emulator is no host of the service: allowed by name, as an application must.
					"azure.signalr.entra.allowed-hosts=localhost",
					"azure.signalr.upstream.entra.ssl-bundle=entra",
					"spring.ssl.bundle.pem.entra.truststore.certificate=file:" + certificate,
					"logging.level.io.github.springsignalr.upstream=debug",
					"logging.level.io.github.springsignalr.autoconfigure.upstream=debug")
			.run();
		appUrl = ChatApplication.url(app);
	}

	@AfterAll
	static void stop() throws Exception {
		app.close();
		service.close();
		entra.close();
		Files.deleteIfExists(certificate);
	}

	@AfterEach
	void disconnect() {
		if (this.client != null) {
			this.client.stop().blockingAwait(10, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	@Test
	void genuineEventsAreAcceptedWithTheManagedIdentitysToken() throws Exception {
		ChatEvents events = app.getBean(ChatEvents.class);
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
		ChatEvents events = app.getBean(ChatEvents.class);
		this.client = UpstreamEndToEndTests.connect(appUrl, BEARER_USER);
		String connectionId = this.client.getConnectionId();
		assertThat(events.next("connected", connectionId)).isNotNull();
		String identity = service.upstreamIdentity().clientId();

		// A token of the service's identity for the resource, posted by hand: accepted, in either scheme case.
		String genuine = remember(entra.issueToken(TENANT_ID, identity, RESOURCE));
		HttpResponse<String> accepted = echo(connectionId, "Bearer " + genuine).send(appUrl);
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.body()).contains("\"result\":\"replayed!\"");
		assertThat(echo(connectionId, "bearer " + genuine).send(appUrl).statusCode()).isEqualTo(200);

		assertRefused(echo(connectionId, null), "no token");
		assertRefused(echo(connectionId, null).signedWith("c2lnbmVkLXdpdGgtYS1rZXktdGhlLWFwcC1kb2VzLW5vdDA="),
				"no token, a signature of a key the application does not hold");
		assertRefused(echo(connectionId, "Basic " + genuine), "the token in another scheme");
		assertRefused(echo(connectionId, "Bearer " + remember(entra.issueToken(TENANT_ID, identity, "api://other"))),
				"another audience");
		String otherTenant = UUID.randomUUID().toString();
		String stranger = entra.registerManagedIdentity(otherTenant);
		assertRefused(echo(connectionId, "Bearer " + remember(entra.issueToken(otherTenant, stranger, RESOURCE))),
				"another tenant, the same resource");
		assertRefused(echo(connectionId, "Bearer " + remember(entra.issueToken(TENANT_ID, identity, RESOURCE,
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
		entra.tokenVersion(RESOURCE, 1);
		try {
			String version1 = remember(entra.issueToken(TENANT_ID, identity, RESOURCE));
			assertThat(SignedJWT.parse(version1).getJWTClaimsSet().getStringClaim("ver")).isEqualTo("1.0");
			assertThat(echo(connectionId, "Bearer " + version1).send(appUrl).statusCode()).as("a v1.0 token")
				.isEqualTo(200);
		}
		finally {
			entra.tokenVersion(RESOURCE, 2);
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

	private static void assertRefused(UpstreamRequest request, String what) throws Exception {
		HttpResponse<String> response = request.send(appUrl);
		assertThat(response.statusCode()).as(what).isEqualTo(401);
		assertThat(response.body()).as(what).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class EntraTrust {

		@Bean
		SignalRCredentialBuilderCustomizer trustTheEntraEmulator() {
			return TrustedEntra.customizer(entra);
		}

	}

}

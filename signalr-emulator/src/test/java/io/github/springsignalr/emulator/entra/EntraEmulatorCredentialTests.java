package io.github.springsignalr.emulator.entra;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLException;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * azure-identity's real {@link ClientSecretCredential} (MSAL4J underneath), unchanged, signing in to
 * {@link EntraEmulator} over HTTPS with the client-credentials grant.
 */
class EntraEmulatorCredentialTests {

	private static final String TENANT_ID = UUID.randomUUID().toString();

	private static final String CLIENT_ID = UUID.randomUUID().toString();

	private static final String CLIENT_SECRET = "credential-tests-secret~" + UUID.randomUUID();

	private static final TokenRequestContext SIGNALR = new TokenRequestContext()
		.addScopes("https://signalr.azure.com/.default");

	private static EntraEmulator entra;

	private static HttpClient httpClient;

	@BeforeAll
	static void start() throws Exception {
		entra = EntraEmulator.start(0).registerApplication(TENANT_ID, CLIENT_ID, CLIENT_SECRET);
		httpClient = trustingHttpClient(entra);
	}

	@AfterAll
	static void stop() {
		entra.close();
	}

	@Test
	void getsTokenForSignalR() throws Exception {
		int issuedBefore = entra.tokensIssued();
		AccessToken token = credential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, true).getTokenSync(SIGNALR);
		assertThat(entra.verify(token.getToken())).isTrue();
		assertThat(entra.tokensIssued()).isEqualTo(issuedBefore + 1);
		SignedJWT jwt = SignedJWT.parse(token.getToken());
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("https://signalr.azure.com");
		assertThat(claims.getIssuer()).isEqualTo(entra.authorityHost() + TENANT_ID + "/v2.0");
		assertThat(claims.getStringClaim("tid")).isEqualTo(TENANT_ID);
		assertThat(claims.getStringClaim("appid")).isEqualTo(CLIENT_ID);
		assertThat(claims.getStringClaim("azp")).isEqualTo(CLIENT_ID);
		assertThat(claims.getStringClaim("oid")).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
		// MSAL counts expires_in from when it got the answer: the same instant, to within a few seconds.
		assertThat(token.getExpiresAt().toInstant()).isCloseTo(claims.getExpirationTime().toInstant(),
				within(5, ChronoUnit.SECONDS));
	}

	@Test
	void getsTokenWithInstanceDiscovery() {
		AccessToken token = credential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, false).getTokenSync(SIGNALR);
		assertThat(entra.verify(token.getToken())).isTrue();
	}

	@Test
	void tokenForAnotherResourceNamesThatAudience() throws Exception {
		AccessToken token = credential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, true)
			.getTokenSync(new TokenRequestContext().addScopes("https://vault.azure.net/.default"));
		assertThat(SignedJWT.parse(token.getToken()).getJWTClaimsSet().getAudience())
			.isEqualTo(List.of("https://vault.azure.net"));
	}

	@Test
	void wrongSecretIsRefusedWithoutEchoingIt() {
		String wrong = "wrong-secret~" + UUID.randomUUID();
		assertThatThrownBy(() -> credential(TENANT_ID, CLIENT_ID, wrong, true).getToken(SIGNALR).block())
			.satisfies((ex) -> assertThat(fullText(ex)).contains("invalid_client", "AADSTS7000215")
				.doesNotContain(wrong)
				.doesNotContain(CLIENT_SECRET));
	}

	@Test
	void unknownClientIsRefused() {
		String unknown = UUID.randomUUID().toString();
		assertThatThrownBy(() -> credential(TENANT_ID, unknown, CLIENT_SECRET, true).getToken(SIGNALR).block())
			.satisfies((ex) -> assertThat(fullText(ex)).contains("unauthorized_client", "AADSTS700016", unknown)
				.doesNotContain(CLIENT_SECRET));
	}

	@Test
	void unknownTenantIsRefused() {
		String unknown = UUID.randomUUID().toString();
		assertThatThrownBy(() -> credential(unknown, CLIENT_ID, CLIENT_SECRET, true).getToken(SIGNALR).block())
			.satisfies((ex) -> assertThat(fullText(ex)).contains("AADSTS90002", unknown).doesNotContain(CLIENT_SECRET));
	}

	/**
	 * An Azure SDK HTTP client trusting the emulator's certificate only.
	 */
	static HttpClient trustingHttpClient(EntraEmulator entra) throws SSLException {
		SslContext sslContext = SslContextBuilder.forClient().trustManager(entra.certificate()).build();
		return new NettyAsyncHttpClientBuilder(
				reactor.netty.http.client.HttpClient.create().secure((spec) -> spec.sslContext(sslContext)))
			.build();
	}

	private static ClientSecretCredential credential(String tenantId, String clientId, String clientSecret,
			boolean disableInstanceDiscovery) {
		ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
			.authorityHost(entra.authorityHost().toString())
			.tenantId(tenantId)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.httpClient(httpClient);
		if (disableInstanceDiscovery) {
			builder.disableInstanceDiscovery();
		}
		return builder.build();
	}

	/**
	 * The exception and its causes, each with its class, its error code where MSAL has one, and its message.
	 */
	private static String fullText(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			text.append(cause).append('\n');
			if (cause instanceof MsalServiceException msal) {
				text.append(msal.errorCode()).append('\n');
			}
		}
		return text.toString();
	}

}

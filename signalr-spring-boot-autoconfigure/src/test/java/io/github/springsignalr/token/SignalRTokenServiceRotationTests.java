package io.github.springsignalr.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.junit.jupiter.api.Test;

import static io.github.springsignalr.token.TokenTestSupport.KEY;
import static io.github.springsignalr.token.TokenTestSupport.OTHER_KEY;
import static io.github.springsignalr.token.TokenTestSupport.endpoint;
import static io.github.springsignalr.token.TokenTestSupport.parse;
import static io.github.springsignalr.token.TokenTestSupport.verified;
import static io.github.springsignalr.token.TokenTestSupport.verifies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key swapped into the {@link ServiceEndpointRegistry} signs the very next token.
 */
class SignalRTokenServiceRotationTests {

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private final SignalRTokenService tokens = new SignalRTokenService();

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(new ServiceEndpoint("east",
			EndpointType.PRIMARY, endpoint("https://east.service.signalr.net").connectionString(), AccessKey.of(KEY),
			true)), null);

	@Test
	void tokenAfterAKeyChangeIsSignedWithTheNewKey() throws ParseException {
		SignedJWT before = parse(clientToken());
		assertThat(verifies(before, KEY)).isTrue();
		assertThat(before.getHeader().getKeyID()).isEqualTo(AccessKey.fingerprint(KEY));

		this.registry.update(EAST, (endpoint) -> endpoint.withAccessKey(AccessKey.of(OTHER_KEY)));

		SignedJWT after = parse(clientToken());
		assertThat(verifies(after, OTHER_KEY)).isTrue();
		assertThat(verifies(after, KEY)).isFalse();
		assertThat(after.getHeader().getKeyID()).isEqualTo(AccessKey.fingerprint(OTHER_KEY));
		SignedJWT rest = parse(this.tokens.restCall(current(), "/api/health", "api-version=2022-06-01").token());
		assertThat(verifies(rest, OTHER_KEY)).isTrue();
		assertThat(verifies(rest, KEY)).isFalse();
	}

	@Test
	void keyChangedBackSignsWithTheFirstKeyAgain() {
		clientToken();
		this.registry.update(EAST, (endpoint) -> endpoint.withAccessKey(AccessKey.of(OTHER_KEY)));
		clientToken();
		this.registry.update(EAST, (endpoint) -> endpoint.withAccessKey(AccessKey.of(KEY)));
		SignedJWT token = parse(clientToken());
		assertThat(verifies(token, KEY)).isTrue();
		assertThat(verifies(token, OTHER_KEY)).isFalse();
	}

	@Test
	void keyWithTheSameValueButAnotherIdSignsWithItsOwnKid() {
		clientToken();
		this.registry.update(EAST, (endpoint) -> endpoint.withAccessKey(new AccessKey("entra-key-7", KEY)));
		SignedJWT token = verified(clientToken(), KEY);
		assertThat(token.getHeader().getKeyID()).isEqualTo("entra-key-7");
	}

	@Test
	void preparedKeysAreBoundedNewestFirst() {
		TokenSigners signers = new TokenSigners();
		AccessKey first = AccessKey.of(KEY);
		TokenSigner signer = signers.get(first);
		assertThat(signers.get(first)).isSameAs(signer);
		assertThat(signers.get(new AccessKey(first.id(), first.value()))).as("equal key").isSameAs(signer);
		for (int i = 0; i < 40; i++) {
			signers.get(AccessKey.of(KEY + i));
		}
		assertThat(signers.keyIds()).hasSize(TokenSigners.CAPACITY)
			.startsWith(AccessKey.fingerprint(KEY + 39))
			.doesNotContain(first.id());
		assertThat(signers.get(first)).isNotSameAs(signer);
		assertThat(signers.keyIds()).startsWith(first.id()).hasSize(TokenSigners.CAPACITY);
	}

	@Test
	void evictedKeyIsPreparedAgain() {
		ServiceEndpoint endpoint = current();
		clientToken();
		for (int i = 0; i < 2 * TokenSigners.CAPACITY; i++) {
			this.tokens.clientToken(endpoint.withAccessKey(AccessKey.of(KEY + i)), ClientTokenRequest.of("chat"));
		}
		verified(clientToken(), KEY);
	}

	@Test
	void defaultsAreOneHourAndTheSystemClock() throws ParseException {
		SignedJWT token = verified(clientToken(), KEY);
		long now = Clock.systemUTC().millis();
		assertThat(token.getJWTClaimsSet().getExpirationTime().getTime())
			.isBetween(now + Duration.ofHours(1).toMillis() - 5_000, now + Duration.ofHours(1).toMillis());
	}

	private String clientToken() {
		return this.tokens.clientToken(current(), ClientTokenRequest.of("chat", "user-1"));
	}

	private ServiceEndpoint current() {
		return this.registry.snapshot().find(EAST).orElseThrow();
	}

}

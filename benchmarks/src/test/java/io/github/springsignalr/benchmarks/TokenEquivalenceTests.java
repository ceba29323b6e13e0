package io.github.springsignalr.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Date;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The check that makes {@link ClientTokenBenchmark} compare equal work: every library's token passes it, and a token
 * that differs from ours in any way the service would notice fails it. Runs with the build, so a new peer version
 * that writes a different token breaks the build rather than the figures.
 */
class TokenEquivalenceTests {

	private static final byte[] SECRET = ClientTokenBenchmark.KEY.getBytes(StandardCharsets.UTF_8);

	private final ClientTokenBenchmark benchmark = new ClientTokenBenchmark();

	private String ours;

	@BeforeEach
	void setUp() throws GeneralSecurityException {
		// Checks the floor and every peer against ours, as before a run.
		this.benchmark.setUp();
		this.ours = this.benchmark.signalRTokenService();
	}

	@Test
	void everyLibraryWritesOurToken() {
		assertThatNoException().isThrownBy(() -> {
			TokenEquivalence.check(this.ours, SECRET, "nimbus-jose-jwt", this.benchmark.nimbusPerCall());
			TokenEquivalence.check(this.ours, SECRET, "auth0 java-jwt", this.benchmark.auth0JavaJwt());
			TokenEquivalence.check(this.ours, SECRET, "jjwt", this.benchmark.jjwt());
		});
	}

	@Test
	void theFloorSignsOurSigningInput() {
		assertThatNoException()
			.isThrownBy(() -> TokenEquivalence.checkSignature(this.ours, this.benchmark.rawHmacFloor()));
	}

	@Test
	void aTokenLikeOursPasses() {
		assertThatNoException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "same", token((c) -> c)));
	}

	@Test
	void anotherHmacIsNotTheSignature() {
		byte[] mac = this.benchmark.rawHmacFloor();
		mac[0] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.checkSignature(this.ours, mac))
			.withMessageContaining("not the token's signature");
	}

	@Test
	void anotherKeyFails() {
		String token = sign(header(AccessKey.fingerprint(ClientTokenBenchmark.KEY)), claims().build(),
				"another-benchmark-only-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8));
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("signature does not verify");
	}

	@Test
	void anotherKidFails() {
		String token = sign(header("0123456789abcdef"), claims().build(), SECRET);
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("header");
	}

	@Test
	void aMissingTypeFails() {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
			.keyID(AccessKey.fingerprint(ClientTokenBenchmark.KEY))
			.build();
		String token = sign(header, claims().build(), SECRET);
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("header");
	}

	@Test
	void anAudienceArrayFails() throws ParseException, JOSEException {
		// nimbus writes a single audience as a string: the array is written by hand, into our own claims.
		SignedJWT jwt = SignedJWT.parse(this.ours);
		String claims = jwt.getPayload().toString();
		String quoted = "\"" + audience().replace("/", "\\/") + "\"";
		if (!claims.contains(quoted)) {
			quoted = "\"" + audience() + "\"";
		}
		assertThat(claims).contains(quoted);
		JWSObject array = new JWSObject(jwt.getHeader(), new Payload(claims.replace(quoted, "[" + quoted + "]")));
		array.sign(new MACSigner(SECRET));
		String token = array.serialize();
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("claims");
	}

	@Test
	void anotherUserFails() {
		String token = token((claims) -> claims.claim("asrs.s.uid", "user-2"));
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("claims");
	}

	@Test
	void anExtraClaimFails() {
		String token = token((claims) -> claims.issuer("benchmarks"));
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("claims");
	}

	@Test
	void anotherLifetimeFails() {
		String token = token((claims) -> claims.expirationTime(new Date((now() + 60) * 1000)));
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("lifetime");
	}

	@Test
	void aNotBeforeOtherThanIssuedAtFails() {
		String token = token((claims) -> claims.notBeforeTime(new Date((now() + 10) * 1000)));
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("nbf");
	}

	@Test
	void anotherTimeFails() {
		long then = now() - 600;
		String token = token((claims) -> claims.notBeforeTime(new Date(then * 1000))
			.issueTime(new Date(then * 1000))
			.expirationTime(new Date((then + ClientTokenBenchmark.LIFETIME_SECONDS) * 1000)));
		assertThatIllegalStateException().isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", token))
			.withMessageContaining("issued at another time");
	}

	@Test
	void somethingElseThanATokenFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TokenEquivalence.check(this.ours, SECRET, "other", "not.a-token"))
			.withMessageContaining("cannot be read");
	}

	/**
	 * Our token's header and claims, as nimbus writes them, changed by {@code change}, signed with the key.
	 */
	private String token(UnaryOperator<JWTClaimsSet.Builder> change) {
		return sign(header(AccessKey.fingerprint(ClientTokenBenchmark.KEY)), change.apply(claims()).build(), SECRET);
	}

	private static JWSHeader header(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid).build();
	}

	private JWTClaimsSet.Builder claims() {
		Date now = new Date(now() * 1000);
		return new JWTClaimsSet.Builder().claim("asrs.s.uid", ClientTokenBenchmark.USER_ID)
			.claim("name", ClientTokenBenchmark.NAME)
			.notBeforeTime(now)
			.expirationTime(new Date(now.getTime() + ClientTokenBenchmark.LIFETIME_SECONDS * 1000))
			.issueTime(now)
			.audience(audience());
	}

	private static String audience() {
		return "https://demo.service.signalr.net/client/?hub=" + ClientTokenBenchmark.HUB;
	}

	private long now() {
		try {
			return SignedJWT.parse(this.ours).getJWTClaimsSet().getIssueTime().getTime() / 1000;
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWSHeader header, JWTClaimsSet claims, byte[] secret) {
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new MACSigner(secret));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}

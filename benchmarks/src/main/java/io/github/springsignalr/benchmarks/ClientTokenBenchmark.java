package io.github.springsignalr.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One client access token, issued five ways: by {@link SignalRTokenService}; by the bare HMAC over the same signing
 * input (the floor: no claims to write, nothing to encode); and by nimbus-jose-jwt, auth0 java-jwt and jjwt used as
 * their documentation shows. Every way produces the same token: header {@code alg}/{@code typ}/{@code kid}, claims
 * {@code asrs.s.uid}, {@code name}, {@code nbf}, {@code exp}, {@code iat} and {@code aud}, same key;
 * {@link TokenEquivalence} checks that before anything is measured, and that the floor's HMAC is our token's signature.
 * <p>
 * Every way reads the clock per token, as a real issuer must. Average time per token; 3 × 5 s of warm-up and
 * 5 × 5 s of measurement per benchmark unless the command line says otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class ClientTokenBenchmark {

	/** A benchmark-only key, shaped as a real one. Never used against a service. */
	static final String KEY = "YmVuY2htYXJrLW9ubHkta2V5LW5vdC1hLXNlY3JldDE=";

	static final String HUB = "chat";

	static final String USER_ID = "user-1";

	static final String NAME = "Alice";

	static final long LIFETIME_SECONDS = 3600;

	private final SignalRTokenService tokens = new SignalRTokenService();

	private final ServiceEndpoint endpoint = ServiceEndpoint.of("", EndpointType.PRIMARY,
			new ConnectionString(URI.create("https://demo.service.signalr.net"), KEY, "1.0", null, null,
					AuthType.ACCESS_KEY, null, null, null, null));

	private final ClientTokenRequest request = ClientTokenRequest.builder(HUB).userId(USER_ID).claim("name", NAME).build();

	private final byte[] secret = KEY.getBytes(StandardCharsets.UTF_8);

	private final String kid = AccessKey.fingerprint(KEY);

	private final String audience = this.tokens.clientAudience(this.endpoint, HUB);

	private Mac preparedMac;

	private byte[] signingInput;

	private Algorithm auth0Algorithm;

	private SecretKey jjwtKey;

	@Setup
	public void setUp() throws GeneralSecurityException {
		String token = signalRTokenService();
		this.signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
		this.preparedMac = Mac.getInstance("HmacSHA256");
		this.preparedMac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
		// The peers' keys are prepared once, as an application holds them.
		this.auth0Algorithm = Algorithm.HMAC256(this.secret);
		this.jjwtKey = Keys.hmacShaKeyFor(this.secret);
		TokenEquivalence.checkSignature(token, rawHmacFloor());
		// Each peer is called once before it is compared, and compared with a token of ours issued just before its
		// own: a first call loads classes, which on a busy machine can take more than the second a check allows.
		nimbusPerCall();
		auth0JavaJwt();
		jjwt();
		TokenEquivalence.check(signalRTokenService(), this.secret, "nimbus-jose-jwt", nimbusPerCall());
		TokenEquivalence.check(signalRTokenService(), this.secret, "auth0 java-jwt", auth0JavaJwt());
		TokenEquivalence.check(signalRTokenService(), this.secret, "jjwt", jjwt());
	}

	@Benchmark
	public String signalRTokenService() {
		return this.tokens.clientToken(this.endpoint, this.request);
	}

	/**
	 * The HMAC alone, over the bytes our token signs, with a Mac keyed once and reused: what no issuer can beat.
	 */
	@Benchmark
	public byte[] rawHmacFloor() {
		this.preparedMac.update(this.signingInput);
		return this.preparedMac.doFinal();
	}

	/**
	 * nimbus-jose-jwt as its examples use it: a signer, a claims set and a signed JWT per token.
	 */
	@Benchmark
	public String nimbusPerCall() {
		Date now = new Date(nowSeconds() * 1000);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("asrs.s.uid", USER_ID)
			.claim("name", NAME)
			.notBeforeTime(now)
			.expirationTime(new Date(now.getTime() + LIFETIME_SECONDS * 1000))
			.issueTime(now)
			.audience(this.audience)
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(this.kid).build(), claims);
		try {
			jwt.sign(new MACSigner(this.secret));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	@Benchmark
	public String auth0JavaJwt() {
		Instant now = Instant.ofEpochSecond(nowSeconds());
		return JWT.create()
			.withKeyId(this.kid)
			.withClaim("asrs.s.uid", USER_ID)
			.withClaim("name", NAME)
			.withNotBefore(now)
			.withExpiresAt(now.plusSeconds(LIFETIME_SECONDS))
			.withIssuedAt(now)
			.withAudience(this.audience)
			.sign(this.auth0Algorithm);
	}

	@Benchmark
	public String jjwt() {
		Date now = new Date(nowSeconds() * 1000);
		return Jwts.builder()
			.header()
			.keyId(this.kid)
			.type("JWT")
			.and()
			.claim("asrs.s.uid", USER_ID)
			.claim("name", NAME)
			.notBefore(now)
			.expiration(new Date(now.getTime() + LIFETIME_SECONDS * 1000))
			.issuedAt(now)
			.audience()
			.single(this.audience)
			.signWith(this.jjwtKey, Jwts.SIG.HS256)
			.compact();
	}

	private static long nowSeconds() {
		return System.currentTimeMillis() / 1000;
	}

}

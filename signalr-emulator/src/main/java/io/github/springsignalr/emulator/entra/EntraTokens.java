package io.github.springsignalr.emulator.entra;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.github.springsignalr.emulator.auth.EntraPrincipal;
import io.github.springsignalr.emulator.auth.EntraTokenVerifier;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * Issues and verifies the emulator's access tokens: RS256 with an RSA key pair made at start, in the shape of
 * Microsoft identity platform's application tokens. A resource gets v2.0 tokens ({@code iss}
 * {@code {authority}/{tenant}/v2.0}, {@code azp}, {@code ver} {@code 2.0}) unless it was set to v1.0 ones, as an
 * application registration's {@code accessTokenAcceptedVersion} decides in Microsoft Entra ID ({@code iss}
 * {@code {authority}/{tenant}/} here, where Microsoft Entra ID writes {@code https://sts.windows.net/{tenant}/};
 * {@code appid}, {@code ver} {@code 1.0}). Both carry {@code tid}, {@code oid}, {@code idtyp} {@code app}.
 */
final class EntraTokens implements EntraTokenVerifier {

	/** Microsoft identity platform's default lifetime of an application token is 60 to 90 minutes. */
	static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	/** How far a token's {@code nbf} may be ahead of this clock. */
	private static final Duration NOT_BEFORE_SKEW = Duration.ofMinutes(1);

	private final RSAKey key;

	private final RSASSASigner signer;

	private final RSASSAVerifier verifier;

	private final Clock clock;

	private final AtomicInteger issued = new AtomicInteger();

	private volatile @Nullable String authority;

	private volatile Duration lifetime = DEFAULT_LIFETIME;

	/** The resources whose tokens are v1.0 ones. */
	private final Set<String> version1Resources = ConcurrentHashMap.newKeySet();

	EntraTokens(Clock clock) {
		this.clock = clock;
		try {
			RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
			// Named by its thumbprint, as the key ids of Microsoft's signing keys are.
			this.key = new RSAKey.Builder(generated).keyID(generated.computeThumbprint().toString()).build();
			this.signer = new RSASSASigner(this.key);
			this.verifier = new RSASSAVerifier(this.key.toRSAPublicKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate the token signing key", ex);
		}
	}

	/**
	 * Sets where the emulator is served, {@code https://localhost:{port}} without a trailing slash, which issuers
	 * name.
	 */
	void serveAt(String authority) {
		this.authority = authority;
	}

	void lifetime(Duration lifetime) {
		Objects.requireNonNull(lifetime, "lifetime");
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("The token lifetime must be positive, not " + lifetime);
		}
		this.lifetime = lifetime;
	}

	Duration lifetime() {
		return this.lifetime;
	}

	String issuer(String tenantId) {
		return this.authority + "/" + tenantId + "/v2.0";
	}

	/**
	 * The issuer of v1.0 tokens: {@code {authority}/{tenant}/}.
	 */
	String version1Issuer(String tenantId) {
		return this.authority + "/" + tenantId + "/";
	}

	/**
	 * Makes the tokens of {@code resource} v1.0 ones ({@code version} 1) or v2.0 ones (2, the default).
	 */
	void tokenVersion(String resource, int version) {
		if (version == 1) {
			this.version1Resources.add(resource);
		}
		else if (version == 2) {
			this.version1Resources.remove(resource);
		}
		else {
			throw new IllegalArgumentException("Microsoft Entra access tokens are of version 1 or 2, not " + version);
		}
	}

	/**
	 * A new token for {@code application}, for {@code audience}, valid from now for the lifetime.
	 */
	String issue(AppRegistration application, @Nullable String audience) {
		return issue(application, audience, this.clock.instant());
	}

	/**
	 * A token as {@link #issue(AppRegistration, String)} would have made it at {@code now}.
	 */
	String issue(AppRegistration application, @Nullable String audience, Instant now) {
		boolean version1 = this.version1Resources.contains(audience);
		String issuer = version1 ? version1Issuer(application.tenantId()) : issuer(application.tenantId());
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(audience)
			.issuer(issuer)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.lifetime)))
			.subject(application.objectId());
		if (!version1) {
			claims.claim("azp", application.clientId()).claim("azpacr", "1");
		}
		claims.claim("appid", application.clientId())
			.claim("appidacr", "1")
			.claim("idp", issuer)
			.claim("idtyp", "app")
			.claim("oid", application.objectId())
			.claim("tid", application.tenantId())
			.claim("uti", UUID.randomUUID().toString())
			.claim("ver", version1 ? "1.0" : "2.0");
		return sign(claims.build());
	}

	private String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(this.key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token", ex);
		}
		this.issued.incrementAndGet();
		return jwt.serialize();
	}

	int issuedCount() {
		return this.issued.get();
	}

	/**
	 * The public signing key, as served at {@code /{tenant}/discovery/v2.0/keys}.
	 */
	JWKSet publicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

	@Override
	public EntraPrincipal verify(String token) throws TokenRejectedException {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new TokenRejectedException("The Microsoft Entra token is not a signed JWT");
		}
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
			throw new TokenRejectedException(
					"The Microsoft Entra token is signed with " + jwt.getHeader().getAlgorithm() + ", not RS256");
		}
		if (!isSignedHere(jwt)) {
			throw new TokenRejectedException(
					"The Microsoft Entra token's signature does not match the signing key of " + this.authority);
		}
		String tenantId = stringClaim(claims, "tid");
		String expectedIssuer = (tenantId == null) ? null
				: "1.0".equals(stringClaim(claims, "ver")) ? version1Issuer(tenantId) : issuer(tenantId);
		if (tenantId == null || !expectedIssuer.equals(claims.getIssuer())) {
			throw new TokenRejectedException("The Microsoft Entra token's issuer " + claims.getIssuer()
					+ " is not the trusted authority's for tenant " + tenantId);
		}
		Instant now = this.clock.instant();
		Date expiry = claims.getExpirationTime();
		if (expiry == null || !now.isBefore(expiry.toInstant())) {
			throw new TokenRejectedException("The Microsoft Entra token expired at "
					+ ((expiry != null) ? expiry.toInstant() : "(no exp)"));
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(NOT_BEFORE_SKEW).isBefore(notBefore.toInstant())) {
			throw new TokenRejectedException("The Microsoft Entra token is not valid before " + notBefore.toInstant());
		}
		String clientId = (stringClaim(claims, "azp") != null) ? stringClaim(claims, "azp")
				: stringClaim(claims, "appid");
		List<String> audiences = (claims.getAudience() != null) ? claims.getAudience() : List.of();
		return new EntraPrincipal(tenantId, clientId, stringClaim(claims, "oid"), audiences, expiry.toInstant());
	}

	private boolean isSignedHere(SignedJWT jwt) {
		try {
			return jwt.verify(this.verifier);
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		return (value instanceof String text && !text.isEmpty()) ? text : null;
	}

	@Override
	public String toString() {
		return "EntraTokens[kid=" + this.key.getKeyID() + ", lifetime=" + this.lifetime + "]";
	}

}

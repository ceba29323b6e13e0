package io.github.springsignalr.upstream.internal;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.springsignalr.upstream.UpstreamBearerTokenValidator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks the Microsoft Entra access token the service sends upstream ({@code Authorization: Bearer}) when its upstream
 * settings authenticate with its managed identity: RS256, signed by a key the tenant publishes, issued by the tenant
 * ({@code iss} exactly the issuer of the tenant's OpenID metadata), for the audience configured (the {@code resource}
 * of the upstream settings), and within its lifetime ({@code exp} required, {@code nbf} when present, a minute of clock
 * skew either way).
 * <p>
 * Microsoft Entra ID issues v1.0 or v2.0 tokens for a resource, as the resource's application registration accepts
 * ({@code ver} claim), with a different issuer each: {@code https://sts.windows.net/{tenant}/} and
 * {@code {authority}/{tenant}/v2.0} in the public cloud. Each is read from the tenant's OpenID metadata of that
 * version ({@code {authority}/{tenant}/.well-known/openid-configuration}, {@code …/v2.0/.well-known/…}), with the URL
 * of its signing keys ({@code jwks_uri}). Nothing is fetched before the first token arrives; the metadata is then kept,
 * and the keys cached and refreshed by nimbus-jose-jwt's remote JWK set (a token signed with a key not seen yet
 * refetches them, at most every 30 seconds). A failed metadata fetch refuses the token and is retried no sooner than
 * {@link #RETRY_INTERVAL} later, so that forged requests cannot make the application hammer Microsoft Entra ID.
 * <p>
 * Why a token is refused goes to the debug log; the token itself never does.
 */
public class EntraUpstreamTokenValidator implements UpstreamBearerTokenValidator {

	/** How long after a failed fetch of the OpenID metadata the next one may start. */
	public static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(EntraUpstreamTokenValidator.class);

	private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "aud", "exp");

	private final String authorityHost;

	private final String tenantId;

	private final String audience;

	private final ResourceRetriever retriever;

	private final Clock clock;

	private final Map<TokenVersion, Issuer> issuers = new ConcurrentHashMap<>();

	private final Map<TokenVersion, Instant> failures = new ConcurrentHashMap<>();

	/**
	 * @param authorityHost the tenant's Microsoft Entra ID, for example {@code https://login.microsoftonline.com/}
	 * @param tenantId the tenant id (or a verified domain name) whose tokens are accepted
	 * @param audience the {@code aud} tokens must have
	 * @param retriever what fetches the metadata and keys (its timeouts, size limit and trust)
	 * @param clock the clock of the retry interval
	 */
	public EntraUpstreamTokenValidator(String authorityHost, String tenantId, String audience,
			ResourceRetriever retriever, Clock clock) {
		this.authorityHost = authorityHost.endsWith("/") ? authorityHost : authorityHost + "/";
		this.tenantId = requireText(tenantId, "tenantId");
		this.audience = requireText(audience, "audience");
		this.retriever = Objects.requireNonNull(retriever, "retriever");
		this.clock = Objects.requireNonNull(clock, "clock");
		URI.create(this.authorityHost + this.tenantId + "/");
	}

	@Override
	public boolean isValid(String token) {
		SignedJWT jwt;
		TokenVersion version;
		try {
			jwt = SignedJWT.parse(token);
			version = TokenVersion.of(jwt.getJWTClaimsSet());
		}
		catch (ParseException ex) {
			return refuse("it is not a signed JWT");
		}
		if (version == null) {
			return refuse("its 'ver' claim is neither 1.0 nor 2.0");
		}
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
			return refuse("it is signed with " + jwt.getHeader().getAlgorithm() + ", not RS256");
		}
		Issuer issuer = issuer(version);
		if (issuer == null) {
			return refuse("the tenant's OpenID metadata could not be read");
		}
		try {
			issuer.processor().process(jwt, null);
			return true;
		}
		catch (BadJOSEException | JOSEException ex) {
			return refuse(ex.getMessage());
		}
	}

	private @Nullable Issuer issuer(TokenVersion version) {
		Issuer known = this.issuers.get(version);
		if (known != null) {
			return known;
		}
		synchronized (this.issuers) {
			known = this.issuers.get(version);
			if (known != null) {
				return known;
			}
			Instant failed = this.failures.get(version);
			Instant now = this.clock.instant();
			if (failed != null && now.isBefore(failed.plus(RETRY_INTERVAL))) {
				return null;
			}
			try {
				Issuer loaded = load(version);
				this.issuers.put(version, loaded);
				this.failures.remove(version);
				return loaded;
			}
			catch (IOException | ParseException | RuntimeException ex) {
				this.failures.put(version, now);
				logger.warn("Could not read the OpenID metadata of Microsoft Entra tenant " + this.tenantId + " at "
						+ metadataUrl(version) + " (upstream bearer tokens are refused until it is read): " + ex);
				return null;
			}
		}
	}

	private Issuer load(TokenVersion version) throws IOException, ParseException {
		String url = metadataUrl(version);
		Map<String, Object> metadata = JSONObjectUtils.parse(this.retriever.retrieveResource(toUrl(url)).getContent());
		String issuer = JSONObjectUtils.getString(metadata, "issuer");
		URI jwksUri = JSONObjectUtils.getURI(metadata, "jwks_uri");
		if (issuer == null || issuer.isBlank() || jwksUri == null || !"https".equalsIgnoreCase(jwksUri.getScheme())) {
			throw new IOException("The metadata at " + url + " names no issuer or no https jwks_uri");
		}
		JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(toUrl(jwksUri.toString()),
				this.retriever).build();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(this.audience,
				new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS));
		logger.debug("Upstream bearer tokens of version " + version.claim + " must be issued by " + issuer
				+ ", signed with a key of " + jwksUri);
		return new Issuer(issuer, processor);
	}

	private String metadataUrl(TokenVersion version) {
		return this.authorityHost + this.tenantId + version.metadataPath;
	}

	private static URL toUrl(String url) throws MalformedURLException {
		return URI.create(url).toURL();
	}

	private static boolean refuse(@Nullable String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused an upstream bearer token: " + reason);
		}
		return false;
	}

	private static String requireText(String value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value.trim();
	}

	@Override
	public String toString() {
		return "EntraUpstreamTokenValidator[authority=" + this.authorityHost + this.tenantId + ", audience="
				+ this.audience + "]";
	}

	/**
	 * The two kinds of Microsoft Entra access token, told apart by their {@code ver} claim.
	 */
	private enum TokenVersion {

		V1("1.0", "/.well-known/openid-configuration"), V2("2.0", "/v2.0/.well-known/openid-configuration");

		private final String claim;

		private final String metadataPath;

		TokenVersion(String claim, String metadataPath) {
			this.claim = claim;
			this.metadataPath = metadataPath;
		}

		static @Nullable TokenVersion of(JWTClaimsSet claims) throws ParseException {
			String ver = claims.getStringClaim("ver");
			for (TokenVersion version : values()) {
				if (version.claim.equals(ver)) {
					return version;
				}
			}
			return null;
		}

	}

	/**
	 * The issuer of one token version and the processor checking its tokens.
	 */
	private record Issuer(String issuer, DefaultJWTProcessor<SecurityContext> processor) {

	}

}

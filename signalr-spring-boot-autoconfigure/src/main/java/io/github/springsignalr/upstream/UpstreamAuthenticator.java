package io.github.springsignalr.upstream;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether an upstream request comes from the service: its {@code X-ASRS-Signature} matches a live access key
 * ({@link UpstreamSignatureValidator}), or its {@code Authorization: Bearer} token is valid for the bearer validator
 * configured ({@link UpstreamBearerTokenValidator}), when there is one. Either suffices: the service signs with its
 * access keys whatever its authentication settings, and adds a token only when they name a managed identity, so an
 * application with both access-key and Microsoft Entra endpoints accepts the events of each.
 */
public class UpstreamAuthenticator {

	private static final String BEARER = "bearer ";

	/** Longer than any Microsoft Entra access token; a longer header is refused unread. */
	private static final int MAX_AUTHORIZATION_LENGTH = 16 * 1024;

	private final UpstreamSignatureValidator signatures;

	private final @Nullable UpstreamBearerTokenValidator bearerTokens;

	/**
	 * @param signatures checks signatures against the live keys
	 * @param bearerTokens checks bearer tokens, or {@code null} to accept signed requests only
	 */
	public UpstreamAuthenticator(UpstreamSignatureValidator signatures,
			@Nullable UpstreamBearerTokenValidator bearerTokens) {
		this.signatures = signatures;
		this.bearerTokens = bearerTokens;
	}

	/**
	 * Whether the request is the service's.
	 * @param connectionId the {@code X-ASRS-Connection-Id} header, or {@code null}
	 * @param signatureHeader the {@code X-ASRS-Signature} header, or {@code null}
	 * @param authorizationHeader the {@code Authorization} header, or {@code null}
	 */
	public boolean isAuthentic(String connectionId, @Nullable String signatureHeader,
			@Nullable String authorizationHeader) {
		if (connectionId == null || connectionId.isEmpty()) {
			return false;
		}
		if (signatureHeader != null && this.signatures.isValid(connectionId, signatureHeader)) {
			return true;
		}
		String token = bearerToken(authorizationHeader);
		return this.bearerTokens != null && token != null && this.bearerTokens.isValid(token);
	}

	/**
	 * Whether bearer tokens are checked at all.
	 */
	public boolean acceptsBearerTokens() {
		return this.bearerTokens != null;
	}

	/**
	 * The token of {@code Authorization: Bearer <token>}, the scheme in any case (RFC 7235); {@code null} for another
	 * scheme or none.
	 */
	private static @Nullable String bearerToken(String authorization) {
		if (authorization == null || authorization.length() > MAX_AUTHORIZATION_LENGTH
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).trim();
		return token.isEmpty() ? null : token;
	}

	@Override
	public String toString() {
		return "UpstreamAuthenticator[signatures, bearer tokens: "
				+ ((this.bearerTokens != null) ? this.bearerTokens : "not accepted") + "]";
	}

}

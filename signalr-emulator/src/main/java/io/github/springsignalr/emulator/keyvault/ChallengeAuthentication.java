package io.github.springsignalr.emulator.keyvault;

import java.util.Locale;

/**
 * Key Vault's challenge-based authentication, as the Azure SDK's {@code KeyVaultCredentialPolicy} meets it: a request
 * without a bearer token is answered 401 with a challenge naming the authority and the resource to get a token for; the
 * client then asks its credential for a token and retries. Any bearer token is then accepted: this is a local double,
 * not a security boundary.
 */
final class ChallengeAuthentication {

	/** The resource a real vault names in its challenge; the SDK asks for {@code {resource}/.default}. */
	static final String RESOURCE = "https://vault.azure.net";

	static final String AUTHORITY = "https://login.microsoftonline.com/";

	private static final String BEARER = "bearer ";

	private final String challenge;

	ChallengeAuthentication(String tenantId) {
		// The SDK strips the quotes, splits on commas and trims: the real vault's form, quotes and space included.
		this.challenge = "Bearer authorization=\"" + AUTHORITY + tenantId + "\", resource=\"" + RESOURCE + "\"";
	}

	/**
	 * Whether an {@code Authorization} header value carries a bearer token.
	 */
	boolean isAuthenticated(String authorization) {
		return authorization != null && authorization.length() > BEARER.length()
				&& authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
				&& !authorization.substring(BEARER.length()).isBlank();
	}

	/**
	 * The {@code WWW-Authenticate} value of a 401.
	 */
	String challenge() {
		return this.challenge;
	}

}

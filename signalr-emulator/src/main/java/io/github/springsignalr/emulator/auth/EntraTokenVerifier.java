package io.github.springsignalr.emulator.auth;

/**
 * Checks that a token was issued by a Microsoft Entra ID the instance trusts and is still valid: signature, issuer,
 * lifetime. What it is for (its audience) and what its holder may do are the instance's own checks.
 */
@FunctionalInterface
public interface EntraTokenVerifier {

	/**
	 * Verifies {@code token}.
	 * @return who the token speaks for
	 * @throws TokenRejectedException if it is not a valid token of that Microsoft Entra ID; the message says why and
	 * never holds the token
	 */
	EntraPrincipal verify(String token) throws TokenRejectedException;

}

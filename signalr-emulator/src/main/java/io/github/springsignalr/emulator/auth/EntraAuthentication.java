package io.github.springsignalr.emulator.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.springsignalr.emulator.SignalRRole;

/**
 * How the instance treats Microsoft Entra tokens: issued by the Microsoft Entra ID it trusts, for the audience
 * {@value #AUDIENCE}, and held by an identity with a role that allows what it asks. Identities without an explicit
 * role assignment are {@linkplain SignalRRole#SERVICE_OWNER service owners}.
 */
public final class EntraAuthentication {

	/** The audience of a token for the scope {@code https://signalr.azure.com/.default}. */
	public static final String AUDIENCE = "https://signalr.azure.com";

	private final EntraTokenVerifier verifier;

	private final Map<String, Set<SignalRRole>> roles;

	/**
	 * @param roles the roles of the client ids named, each replacing the default {@link SignalRRole#SERVICE_OWNER}
	 */
	public EntraAuthentication(EntraTokenVerifier verifier, Map<String, Set<SignalRRole>> roles) {
		this.verifier = verifier;
		this.roles = roles.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> Set.copyOf(entry.getValue())));
	}

	/**
	 * Checks an Entra token's issuer, signature, lifetime and audience.
	 * @throws TokenRejectedException when the service would answer 401
	 */
	public EntraPrincipal authenticate(String token) throws TokenRejectedException {
		if (token == null || token.isBlank()) {
			throw new TokenRejectedException("No Microsoft Entra token: send it as 'Authorization: Bearer'");
		}
		EntraPrincipal principal = this.verifier.verify(token);
		List<String> audiences = principal.audiences();
		if (audiences.stream().noneMatch(EntraAuthentication::isSignalRAudience)) {
			throw new TokenRejectedException("The Microsoft Entra token's audience " + audiences + " is not " + AUDIENCE
					+ ": get it for the scope " + AUDIENCE + "/.default");
		}
		return principal;
	}

	/**
	 * Whether {@code principal} holds a role that allows getting temporary access keys.
	 */
	public boolean mayGetAccessKey(EntraPrincipal principal) {
		return holdsAny(principal, SignalRRole.APP_SERVER, SignalRRole.SERVICE_OWNER);
	}

	/**
	 * Whether {@code principal} holds a role that allows a REST call.
	 * @param readOnly whether the call only reads (an existence check)
	 */
	public boolean mayCallRestApi(EntraPrincipal principal, boolean readOnly) {
		return holdsAny(principal, SignalRRole.REST_API_OWNER, SignalRRole.SERVICE_OWNER)
				|| (readOnly && holdsAny(principal, SignalRRole.REST_API_READER));
	}

	private boolean holdsAny(EntraPrincipal principal, SignalRRole... wanted) {
		Set<SignalRRole> held = this.roles.getOrDefault(principal.clientId(), EnumSet.of(SignalRRole.SERVICE_OWNER));
		for (SignalRRole role : wanted) {
			if (held.contains(role)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSignalRAudience(String audience) {
		return AUDIENCE.equalsIgnoreCase(audience) || (AUDIENCE + "/").equalsIgnoreCase(audience);
	}

	@Override
	public String toString() {
		return "EntraAuthentication[audience=" + AUDIENCE + ", roles=" + this.roles + "]";
	}

}

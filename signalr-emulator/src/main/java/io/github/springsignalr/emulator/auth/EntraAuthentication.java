package io.github.springsignalr.emulator.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsignalr.emulator.SignalRRole;
import org.jspecify.annotations.Nullable;

/**
 * How the instance treats Microsoft Entra tokens: issued by the Microsoft Entra ID it trusts, for the audience
 * {@value #AUDIENCE}, and held by an identity with a role that allows what it asks. As on the service, an identity
 * holds no role until one is assigned to it (Azure RBAC grants nothing by default; the Learn page on the service's
 * built-in roles lists what each allows): a valid token of an identity without a SignalR role gets 403.
 */
public final class EntraAuthentication {

	/** The audience of a token for the scope {@code https://signalr.azure.com/.default}. */
	public static final String AUDIENCE = "https://signalr.azure.com";

	private final EntraTokenVerifier verifier;

	private final Map<String, Set<SignalRRole>> roles;

	/**
	 * @param roles the roles assigned to each client id; a client id not named holds none
	 */
	public EntraAuthentication(EntraTokenVerifier verifier, Map<String, Set<SignalRRole>> roles) {
		this.verifier = verifier;
		this.roles = new ConcurrentHashMap<>();
		roles.forEach(this::assign);
	}

	/**
	 * Assigns {@code roles} to {@code clientId} in place of those it held, as a role assignment on the resource.
	 */
	public void assign(String clientId, Set<SignalRRole> roles) {
		this.roles.put(clientId, Set.copyOf(roles));
	}

	/**
	 * Checks an Entra token's issuer, signature, lifetime and audience.
	 * @throws TokenRejectedException when the service would answer 401
	 */
	public EntraPrincipal authenticate(@Nullable String token) throws TokenRejectedException {
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
		Set<SignalRRole> held = this.roles.getOrDefault(principal.clientId(), Set.of());
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

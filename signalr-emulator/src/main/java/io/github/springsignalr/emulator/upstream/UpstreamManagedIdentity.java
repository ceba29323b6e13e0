package io.github.springsignalr.emulator.upstream;

import java.util.Objects;
import java.util.function.Supplier;

import io.github.springsignalr.emulator.entra.EntraEmulator;

/**
 * The service's managed identity, as its upstream settings use it ({@code "auth": {"type": "ManagedIdentity",
 * "managedIdentity": {"resource": …}}}): an identity of a tenant of the {@link EntraEmulator}, whose token for the
 * resource goes in the {@code Authorization} header of every upstream request. {@link #toString()} shows no token.
 *
 * @param entra the Microsoft Entra ID the identity belongs to
 * @param tenantId its tenant
 * @param clientId its client id
 * @param resource the resource the token is for, its audience
 */
public record UpstreamManagedIdentity(EntraEmulator entra, String tenantId, String clientId, String resource)
		implements Supplier<String> {

	public UpstreamManagedIdentity {
		Objects.requireNonNull(entra, "entra");
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(clientId, "clientId");
		if (resource == null || resource.isBlank()) {
			// The service then asks for a Microsoft Graph token, which no application can validate (Learn).
			throw new IllegalArgumentException("The upstream managed identity needs a resource, the audience of its "
					+ "tokens: the application ID URI or client id of the upstream's app registration");
		}
	}

	/**
	 * A managed identity registered now in {@code tenantId} of {@code entra}.
	 */
	public static UpstreamManagedIdentity register(EntraEmulator entra, String tenantId, String resource) {
		return new UpstreamManagedIdentity(entra, tenantId, entra.registerManagedIdentity(tenantId), resource);
	}

	/**
	 * A token issued now; the service caches its tokens, which makes no difference to the upstream.
	 */
	@Override
	public String get() {
		return this.entra.issueToken(this.tenantId, this.clientId, this.resource);
	}

}

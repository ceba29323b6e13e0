package io.github.springsignalr.emulator.auth;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who a valid Microsoft Entra token speaks for: an application (service principal) of a tenant.
 *
 * @param tenantId the tenant ({@code tid})
 * @param clientId the application's client id ({@code azp}, else {@code appid})
 * @param objectId the service principal's object id ({@code oid})
 * @param audiences the token's {@code aud} values
 * @param expiresAt when the token expires ({@code exp})
 */
public record EntraPrincipal(String tenantId, @Nullable String clientId, @Nullable String objectId,
		List<String> audiences, Instant expiresAt) {

	public EntraPrincipal {
		audiences = List.copyOf(audiences);
	}

}

package io.github.springsignalr.entra.internal;

import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.rest.RestBearerTokenProvider;
import org.jspecify.annotations.Nullable;

/**
 * The Entra token as the bearer of REST calls to endpoints using Microsoft Entra ID, as the .NET SDK sends them;
 * {@code null} (a token signed with the access key) for the others.
 */
public class EntraRestBearerTokenProvider implements RestBearerTokenProvider {

	private final EntraTokens tokens;

	public EntraRestBearerTokenProvider(EntraTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public @Nullable String bearerToken(ServiceEndpoint endpoint) {
		return endpoint.connectionString().authType().isEntra() ? this.tokens.token(endpoint) : null;
	}

}

package io.github.springsignalr.server;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.springsignalr.service.protocol.OpenConnectionMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage.Claim;
import io.github.springsignalr.upstream.internal.UpstreamHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code OpenConnection} says of a client, read as the .NET SDK reads it ({@code ClientConnectionContext},
 * {@code ClaimsUtility}): the user id from {@code asrs.s.uid}; claims without the token's own ({@code aud},
 * {@code exp}, …) and the service's {@code asrs.s.*}, {@code asrs.u.X} back to {@code X}, the first value per type;
 * the query without {@code access_token}; the first value of each header.
 *
 * @param connectionId the client's connection id
 * @param userId the user id, or {@code null} for an anonymous client
 * @param claims type to first value
 * @param query name to values joined with commas
 * @param headers name to first value
 */
record OpenedClient(String connectionId, @Nullable String userId, Map<String, String> claims, Map<String, String> query,
		Map<String, String> headers) {

	private static final Set<String> TOKEN_CLAIMS = Set.of("aud", "exp", "iat", "nbf", "iss", "actort", "acr", "azp",
			"c_hash", "jti", "nonce");

	private static final String USER_ID = "asrs.s.uid";

	private static final String SERVICE_PREFIX = "asrs.s.";

	private static final String USER_PREFIX = "asrs.u.";

	static OpenedClient of(OpenConnectionMessage open) {
		String userId = null;
		Map<String, String> claims = new TreeMap<>();
		for (Claim claim : open.claims()) {
			String type = claim.type();
			if (USER_ID.equals(type)) {
				userId = claim.value();
			}
			if (TOKEN_CLAIMS.contains(type) || type.startsWith(SERVICE_PREFIX)) {
				continue;
			}
			claims.putIfAbsent(type.startsWith(USER_PREFIX) ? type.substring(USER_PREFIX.length()) : type,
					claim.value());
		}
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		open.headers().forEach((name, values) -> {
			List<String> list = values;
			if (!list.isEmpty()) {
				headers.putIfAbsent(name, list.get(0));
			}
		});
		return new OpenedClient(open.connectionId(), userId, claims, UpstreamHeaders.clientQuery(open.queryString()),
				headers);
	}

}

package io.github.springsignalr.emulator.upstream;

import org.jspecify.annotations.Nullable;

/**
 * What the upstream is told about the connection an event comes from.
 *
 * @param connectionId the connection id
 * @param hub the hub, lower-cased
 * @param userId the user id, or {@code null} for an anonymous connection
 * @param clientQuery the query the client connected with, as it sent it, its leading {@code ?} and any
 * {@code access_token} included (ASP.NET Core's {@code QueryString.ToString()}, as Microsoft's emulator sends it), or
 * empty
 * @param userClaims the claims of the client's token as {@code type: value} pairs joined by {@code ", "} (.NET's
 * {@code Claim.ToString()}, one header value each, as Microsoft's emulator sends them), or empty
 */
public record UpstreamContext(String connectionId, String hub, @Nullable String userId, String clientQuery,
		String userClaims) {

}

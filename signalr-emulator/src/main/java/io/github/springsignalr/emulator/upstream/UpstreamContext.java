package io.github.springsignalr.emulator.upstream;

/**
 * What the upstream is told about the connection an event comes from.
 *
 * @param connectionId the connection id
 * @param hub the hub, lower-cased
 * @param userId the user id, or {@code null} for an anonymous connection
 * @param clientQuery the query string the client connected with, {@code access_token} removed, or empty
 */
public record UpstreamContext(String connectionId, String hub, String userId, String clientQuery) {

}

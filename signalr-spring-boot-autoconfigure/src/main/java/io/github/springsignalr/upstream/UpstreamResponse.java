package io.github.springsignalr.upstream;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one upstream request.
 *
 * @param status the HTTP status
 * @param body the body, a whole hub protocol message in the client's protocol (a completion record for an invocation
 * with an id), or {@code null} for none
 * @param contentType the body's media type, or {@code null} without a body
 */
public record UpstreamResponse(int status, byte @Nullable [] body, @Nullable String contentType) {

	/** A handled event with nothing to send back. */
	public static final UpstreamResponse OK = new UpstreamResponse(200, null, null);

	/** A request that is not an event the service sends. */
	public static final UpstreamResponse BAD_REQUEST = new UpstreamResponse(400, null, null);

	/** A connection event that one of its methods failed to handle. */
	public static final UpstreamResponse SERVER_ERROR = new UpstreamResponse(500, null, null);

}

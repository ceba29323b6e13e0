package io.github.springsignalr.upstream;

/**
 * The answer to one upstream request.
 *
 * @param status the HTTP status
 * @param body the JSON body (a completion record for an invocation with an id), or {@code null} for none
 */
public record UpstreamResponse(int status, String body) {

	/** A handled event with nothing to send back. */
	public static final UpstreamResponse OK = new UpstreamResponse(200, null);

	/** A request that is not an event the service sends. */
	public static final UpstreamResponse BAD_REQUEST = new UpstreamResponse(400, null);

	/** A connection event that one of its methods failed to handle. */
	public static final UpstreamResponse SERVER_ERROR = new UpstreamResponse(500, null);

}

package io.github.springsignalr.token;

import java.net.URI;
import java.util.Objects;

/**
 * A REST API request ready to send: where it goes and the token that authorises it.
 *
 * @param uri the request URI, on the endpoint's {@code ServerEndpoint} when it has one
 * @param token the bearer token, whose audience is the same request on the service endpoint; never logged
 */
public record RestCall(URI uri, String token) {

	public RestCall {
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(token, "token");
	}

	/**
	 * The {@code Authorization} header's value.
	 */
	public String authorization() {
		return "Bearer " + this.token;
	}

	/**
	 * The URI only: the token never appears.
	 */
	@Override
	public String toString() {
		return "RestCall[uri=" + this.uri + ", token=***]";
	}

}
